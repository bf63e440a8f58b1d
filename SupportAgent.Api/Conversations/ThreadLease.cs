using Microsoft.Extensions.Options;
using SupportAgent.Api.Persistence;

namespace SupportAgent.Api.Conversations;

/// <summary>Takes a thread for one turn (or one hand-back to the bot), on this or any other replica.</summary>
public interface IThreadLeases
{
    /// <summary>
    /// Takes the thread's lease if it is free or has run out, and reads the thread under it: every decision a turn makes
    /// about the thread (its status, the checkpoint to resume from) is made on what no one else can change meanwhile.
    /// Null when another turn holds it, or when the thread does not exist.
    /// </summary>
    Task<ThreadLease?> TryTakeAsync(string threadId, CancellationToken ct);
}

public static class ThreadLeasesExtensions
{
    /// <summary>
    /// Takes the thread's lease, waiting a moment if it is held: the previous turn gives the thread back in the statement
    /// before its done event, so a customer (or a duplicate request, or an agent's decision) arriving at once may still
    /// find it held. Null when it stays held (answer busy).
    /// </summary>
    public static async Task<ThreadLease?> TakeSoonAsync(this IThreadLeases leases, string threadId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await leases.TryTakeAsync(threadId, ct) is { } held) return held;
            if (attempt == 15) return null;
            await Task.Delay(100, ct);
        }
    }
}

/// <summary>
/// The lease is two columns of the thread row (ARCHITECTURE.md §5), not a lock on a connection: nothing is held while the
/// turn runs, so there is no cap on concurrent turns and no pool to exhaust. A heartbeat renews it; a process that dies
/// stops renewing, and once the lease has run out the recovery service of any live process finishes the turn.
/// </summary>
public sealed class ThreadLeases(ConversationStore store, IOptions<TurnOptions> options, ILogger<ThreadLeases> logger) : IThreadLeases
{
    /// <summary>Names this process in the lease owner, so an operator can tell whose lease a thread carries.</summary>
    private static readonly string ProcessTag = $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task<ThreadLease?> TryTakeAsync(string threadId, CancellationToken ct)
    {
        var owner = $"{ProcessTag}:{Guid.NewGuid():n}";
        var ttl = options.Value.Lease;
        var thread = await store.TryTakeLeaseAsync(threadId, owner, ttl, ct);
        return thread is null ? null : new ThreadLease(thread, owner, ttl, store, logger);
    }
}

/// <summary>A held lease: renewed in the background until released. Disposing releases it unless the turn's end already did.</summary>
public sealed class ThreadLease : IAsyncDisposable
{
    private readonly ConversationStore _store;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private int _released;

    internal ThreadLease(ThreadRecord thread, string owner, TimeSpan ttl, ConversationStore store, ILogger logger)
    {
        Thread = thread;
        Owner = owner;
        _store = store;
        _logger = logger;
        _heartbeat = RenewAsync(ttl);
    }

    /// <summary>The thread as read when the lease was taken.</summary>
    public ThreadRecord Thread { get; }

    public string Owner { get; }

    /// <summary>Cancelled when a renewal finds the lease gone (it ran out and another process took the thread).</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>The statement that finished (or failed) the turn gave the lease back; nothing is left to release.</summary>
    public void MarkReleased() => Interlocked.Exchange(ref _released, 1);

    private async Task RenewAsync(TimeSpan ttl)
    {
        using var timer = new PeriodicTimer(ttl / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    if (await _store.RenewLeaseAsync(Thread.Id, Owner, ttl, _stop.Token)) continue;
                    _logger.LogWarning("Lease of thread {ThreadId} was lost; another process finishes its turn", Thread.Id);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage briefly away: no one else can take the lease meanwhile either; try again next tick.
                    _logger.LogWarning(ex, "Could not renew the lease of thread {ThreadId}", Thread.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeat;
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            try
            {
                await _store.ReleaseLeaseAsync(Thread.Id, Owner, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // It runs out by itself; until then the thread answers busy.
                _logger.LogWarning(ex, "Could not release the lease of thread {ThreadId}", Thread.Id);
            }
        }
        _stop.Dispose();
        _lost.Dispose();
    }
}
