using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportAgent.Api.Limits;

/// <summary>
/// Runs limit commands against Redis with a hard deadline and decides when limits fall back to this process.
/// A limit check sits in front of every customer message, so a dead or slow Redis may cost a request at most
/// <see cref="LimitOptions.RedisTimeoutMs"/>, and while Redis is away only one probe per interval waits at all.
/// </summary>
public sealed partial class LimitsRedis(
    IServiceProvider services,
    IOptions<LimitOptions> options,
    TimeProvider time,
    LimitsMetrics metrics,
    ILogger<LimitsRedis> logger)
{
    private readonly LimitOptions _options = options.Value;
    private readonly Lock _connectLock = new();
    private Task<IConnectionMultiplexer>? _connecting;
    private int _fallback;
    private long _fallbackSince;
    private long _nextProbe;

    /// <summary>True while limits are enforced per process because Redis did not answer in time.</summary>
    public bool InFallback => Volatile.Read(ref _fallback) == 1;

    /// <summary>Raised (on a pool thread) when Redis answers again after a fallback period.</summary>
    public event Action? Recovered;

    /// <summary>
    /// Runs <paramref name="command"/> unless limits are in fallback and no probe is due. Never throws for Redis
    /// trouble: the caller gets <c>Succeeded = false</c> and answers from its per-process fallback.
    /// </summary>
    public async ValueTask<RedisAttempt<T>> TryAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        if (InFallback && !TakeProbeSlot())
        {
            return default;
        }
        try
        {
            var connection = await ConnectionAsync(cancellationToken);
            if (!connection.IsConnected)
            {
                // The multiplexer reconnects on its own; until it has, a command would only wait in its backlog.
                EnterFallback("the connection is down", null);
                return default;
            }
            var started = time.GetTimestamp();
            var value = await Deadline(command(connection.GetDatabase()), cancellationToken);
            LeaveFallback(started);
            return new RedisAttempt<T>(true, value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Whatever went wrong with Redis (refused, timed out, a bad connection string, a script error), a customer
            // should get an answer from the fallback rather than a 500; the warning says what it was.
            EnterFallback(ex is TimeoutException ? "a command timed out" : "a command failed", ex);
            return default;
        }
    }

    /// <summary>Checks Redis with a PING (respecting the probe interval while in fallback), for the health check.</summary>
    public async ValueTask ProbeAsync(CancellationToken cancellationToken) =>
        await TryAsync(db => db.PingAsync(CommandFlags.DemandMaster), cancellationToken);

    /// <summary>
    /// At start-up, waits (a bounded time) for the first connection and a first round-trip, so the first customers
    /// are not sent to the fallback only because the multiplexer was still connecting or the code was still cold.
    /// A Redis that is down at start costs start-up at most <paramref name="limit"/>; the first request then
    /// finds it down and says so.
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

    private async Task<IConnectionMultiplexer> ConnectionAsync(CancellationToken cancellationToken)
    {
        var connecting = Connecting();
        // Resolving the multiplexer connects synchronously the first time; never let a request wait on that longer
        // than on any other Redis command.
        return connecting.IsCompletedSuccessfully ? connecting.Result : await Deadline(connecting, cancellationToken);
    }

    private async Task<T> Deadline<T>(Task<T> task, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(_options.RedisTimeout, time, cancellationToken);
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
            // A failed first connection (AbortOnConnectFail=true) is retried only when a probe is allowed.
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = Task.Run(services.GetRequiredService<IConnectionMultiplexer>);
            }
            return _connecting;
        }
    }

    private bool TakeProbeSlot()
    {
        var now = time.GetTimestamp();
        var next = Interlocked.Read(ref _nextProbe);
        return now >= next && Interlocked.CompareExchange(ref _nextProbe, now + ProbeTicks, next) == next;
    }

    private long ProbeTicks => (long)(_options.ProbeInterval.TotalSeconds * time.TimestampFrequency);

    private void EnterFallback(string reason, Exception? exception)
    {
        Interlocked.Exchange(ref _nextProbe, time.GetTimestamp() + ProbeTicks);
        if (Volatile.Read(ref _fallback) == 1)
        {
            return;
        }
        Interlocked.Exchange(ref _fallbackSince, time.GetTimestamp());
        if (Interlocked.Exchange(ref _fallback, 1) == 1)
        {
            return;
        }
        metrics.SetFallback(true);
        LogFallback(reason, exception);
    }

    private void LeaveFallback(long commandStarted)
    {
        // A command sent before the outage began proves nothing about now; only a probe sent since may end it.
        if (Volatile.Read(ref _fallback) == 0 || commandStarted < Interlocked.Read(ref _fallbackSince)
            || Interlocked.Exchange(ref _fallback, 0) == 0)
        {
            return;
        }
        metrics.SetFallback(false);
        LogRecovered(time.GetElapsedTime(Interlocked.Read(ref _fallbackSince)).TotalSeconds);
        if (Recovered is { } recovered)
        {
            // Listeners talk to Redis themselves; keep them off the request that happened to notice the recovery.
            _ = Task.Run(recovered);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Redis is unavailable for customer limits ({Reason}); enforcing rate limits and spend caps per process until it answers again.")]
    private partial void LogFallback(string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis did not answer during start-up ({Reason}); the first request decides.")]
    private partial void LogWarmUpFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Redis answers again; customer limits are shared through Redis after {Seconds:F1} s in per-process fallback.")]
    private partial void LogRecovered(double seconds);
}

/// <summary>The outcome of <see cref="LimitsRedis.TryAsync{T}"/>: <c>default</c> means "use the fallback".</summary>
public readonly record struct RedisAttempt<T>(bool Succeeded, T? Value);
