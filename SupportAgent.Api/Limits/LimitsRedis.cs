using Polly;
using Polly.Registry;
using StackExchange.Redis;

namespace SupportAgent.Api.Limits;

/// <summary>
/// Runs limit commands against Redis through the <see cref="LimitsRedisCircuit.PipelineName"/> resilience pipeline
/// (a timeout inside a circuit breaker). A limit check sits in front of every customer message, so a dead or slow
/// Redis may cost a request at most <see cref="LimitOptions.RedisTimeoutMs"/>, and while the breaker is open no
/// request waits on Redis at all.
/// </summary>
public sealed partial class LimitsRedis(
    IServiceProvider services,
    ResiliencePipelineProvider<string> pipelines,
    LimitsRedisCircuit circuit,
    TimeProvider time,
    ILogger<LimitsRedis> logger)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(LimitsRedisCircuit.PipelineName);
    private readonly Lock _connectLock = new();
    private Task<IConnectionMultiplexer>? _connecting;

    /// <summary>True while limits are enforced per process because Redis did not answer.</summary>
    public bool InFallback => circuit.InFallback;

    /// <summary>Raised (on a pool thread) when Redis answers again after a fallback period.</summary>
    public event Action? Recovered
    {
        add => circuit.Recovered += value;
        remove => circuit.Recovered -= value;
    }

    /// <summary>
    /// Runs <paramref name="command"/> unless the breaker is open. Never throws for Redis trouble: the caller gets
    /// <c>Succeeded = false</c> and answers from its per-process fallback. Only the caller's own cancellation throws.
    /// </summary>
    public async ValueTask<RedisAttempt<T>> TryAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            // Outcomes rather than exceptions: during an outage every request is turned away by the open breaker.
            var outcome = await _pipeline.ExecuteOutcomeAsync(RunAsync, context, (this, command));
            if (outcome.Exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                outcome.ThrowIfException();
            }
            // Whatever went wrong with Redis (refused, timed out, a bad connection string, a script error, the breaker
            // open), a customer gets an answer from the fallback rather than a 500; the circuit's log says what it was.
            return outcome.Exception is null ? new RedisAttempt<T>(true, outcome.Result) : default;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Checks Redis with a PING through the breaker (so at most one probe per interval while it is open).</summary>
    public async ValueTask<bool> ProbeAsync(CancellationToken cancellationToken) =>
        (await TryAsync(db => db.PingAsync(CommandFlags.DemandMaster), cancellationToken)).Succeeded;

    /// <summary>
    /// At start-up, waits (a bounded time) for the first connection and a first round-trip, so the first customers
    /// are not sent to the fallback only because the multiplexer was still connecting or the code was still cold.
    /// A Redis that is down at start costs start-up at most <paramref name="limit"/>; the first requests then
    /// find it down and open the breaker.
    /// </summary>
    internal async Task WarmUpAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await Connecting().WaitAsync(limit, time, cancellationToken);
            if (connection.IsConnected)
            {
                var db = connection.GetDatabase();
                await db.PingAsync(CommandFlags.DemandMaster).WaitAsync(limit, time, cancellationToken);
                // Running a script that touches nothing loads the EVAL path and Redis's script cache.
                await db.ScriptEvaluateAsync("return 1", flags: CommandFlags.DemandMaster).WaitAsync(limit, time, cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogWarmUpFailed(ex.Message);
        }
    }

    /// <summary>One try inside the pipeline; <paramref name="context"/>'s token is cancelled by the pipeline's timeout.</summary>
    private static async ValueTask<Outcome<T>> RunAsync<T>(ResilienceContext context, (LimitsRedis Self, Func<IDatabase, Task<T>> Command) state)
    {
        try
        {
            var connecting = state.Self.Connecting();
            // Resolving the multiplexer connects synchronously the first time; never wait on that longer than on a command.
            var connection = connecting.IsCompletedSuccessfully ? connecting.Result : await Abandon(connecting, context.CancellationToken);
            if (!connection.IsConnected)
            {
                // The multiplexer reconnects on its own; until it has, a command would only wait in its backlog.
                return Outcome.FromException<T>(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "The Redis connection is down."));
            }
            return Outcome.FromResult(await Abandon(state.Command(connection.GetDatabase()), context.CancellationToken));
        }
        catch (Exception ex)
        {
            return Outcome.FromException<T>(ex);
        }
    }

    /// <summary>Waits for <paramref name="task"/> until <paramref name="cancellationToken"/>; Redis commands take no token.</summary>
    private static async Task<T> Abandon<T>(Task<T> task, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch
        {
            // The abandoned command may still fail later; observe it so it is not reported as unobserved.
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private Task<IConnectionMultiplexer> Connecting()
    {
        var connecting = Volatile.Read(ref _connecting);
        if (connecting is { IsFaulted: false, IsCanceled: false })
        {
            return connecting;
        }
        lock (_connectLock)
        {
            // A failed first connection (AbortOnConnectFail=true) is retried only when the breaker lets a call through.
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = Task.Run(services.GetRequiredService<IConnectionMultiplexer>);
            }
            return _connecting;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis did not answer during start-up ({Reason}); the first request decides.")]
    private partial void LogWarmUpFailed(string reason);
}

/// <summary>The outcome of <see cref="LimitsRedis.TryAsync{T}"/>: <c>default</c> means "use the fallback".</summary>
public readonly record struct RedisAttempt<T>(bool Succeeded, T? Value);
