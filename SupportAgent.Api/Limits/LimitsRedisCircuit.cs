using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.DependencyInjection;
using Polly.Timeout;
using StackExchange.Redis;

namespace SupportAgent.Api.Limits;

/// <summary>
/// The resilience pipeline in front of Redis, and what its circuit breaker means for limits: closed, limits are shared
/// through Redis; open (or half-open, while one call probes), they are enforced per process. Polly reports the
/// breaker's events in its own meter and logs; this class tells the operator, the <c>limits.fallback_active</c> gauge
/// and whoever kept state locally (the spend ledger writes it back on <see cref="Recovered"/>).
/// </summary>
public sealed partial class LimitsRedisCircuit(LimitsMetrics metrics, TimeProvider time, ILogger<LimitsRedisCircuit> logger)
{
    public const string PipelineName = "redis-limits";

    private int _open;
    private long _openedAt;

    /// <summary>True from the moment the breaker opens until a probe closes it again.</summary>
    public bool InFallback => Volatile.Read(ref _open) == 1;

    /// <summary>Raised (on a pool thread) when the breaker closes after a fallback period.</summary>
    public event Action? Recovered;

    /// <summary>
    /// A timeout of <see cref="LimitOptions.RedisTimeoutMs"/> inside a circuit breaker that opens when at least half
    /// of the calls (and at least two) of the last probe interval failed, and lets one call probe Redis per interval
    /// while open. A single slow command among many good ones does not switch every replica's limits to per process.
    /// </summary>
    internal static void Configure(ResiliencePipelineBuilder pipeline, AddResiliencePipelineContext<string> context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<LimitOptions>>().Value;
        var circuit = context.ServiceProvider.GetRequiredService<LimitsRedisCircuit>();
        pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
        pipeline
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = options.ProbeInterval,
                BreakDuration = options.ProbeInterval,
                OnOpened = circuit.OnOpened,
                OnClosed = circuit.OnClosed,
            })
            .AddTimeout(options.RedisTimeout);
    }

    private ValueTask OnOpened(OnCircuitOpenedArguments<object> args)
    {
        // A failed probe opens the breaker again: the same outage, told once.
        if (Interlocked.Exchange(ref _open, 1) == 0)
        {
            Interlocked.Exchange(ref _openedAt, time.GetTimestamp());
            metrics.SetFallback(true);
            var exception = args.Outcome.Exception;
            LogFallback(exception switch
            {
                TimeoutRejectedException => "a command timed out",
                RedisConnectionException => "the connection is down",
                _ => "a command failed",
            }, exception);
        }
        return ValueTask.CompletedTask;
    }

    private ValueTask OnClosed(OnCircuitClosedArguments<object> args)
    {
        if (Interlocked.Exchange(ref _open, 0) == 1)
        {
            metrics.SetFallback(false);
            LogRecovered(time.GetElapsedTime(Interlocked.Read(ref _openedAt)).TotalSeconds);
            if (Recovered is { } recovered)
            {
                // Listeners talk to Redis themselves; keep them off the request that happened to close the breaker.
                _ = Task.Run(recovered);
            }
        }
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Redis is unavailable for customer limits ({Reason}); enforcing rate limits and spend caps per process until it answers again.")]
    private partial void LogFallback(string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Redis answers again; customer limits are shared through Redis after {Seconds:F1} s in per-process fallback.")]
    private partial void LogRecovered(double seconds);
}
