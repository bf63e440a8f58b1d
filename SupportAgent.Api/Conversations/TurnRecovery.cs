using Microsoft.Extensions.Options;
using SupportAgent.Api.Persistence;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// Finishes turns left running by a process that died, with nothing needed from the client (ARCHITECTURE.md §5): every
/// few seconds it looks for running turns whose thread's lease has run out and resumes them from their last checkpoint.
/// At most <see cref="TurnOptions.RecoveryConcurrency"/> at once, started after the host is up and never awaited by
/// start-up, so a restarted Api answers requests at once however many turns it inherits.
/// </summary>
public sealed class TurnRecovery(
    ConversationStore store, TurnCoordinator turns, IOptions<TurnOptions> options, ILogger<TurnRecovery> logger) : BackgroundService
{
    private readonly HashSet<string> _inFlight = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var concurrency = Math.Max(1, options.Value.RecoveryConcurrency);
        // Not disposed: resumed turns may still release a slot after the loop has stopped.
        var slots = new SemaphoreSlim(concurrency);
        var inFlight = _inFlight;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.RecoveryIntervalSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                IReadOnlyList<OrphanedTurn> orphans;
                try
                {
                    orphans = await store.OrphanedTurnsAsync(concurrency * 2, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not look for orphaned turns");
                    continue;
                }
                foreach (var orphan in orphans)
                {
                    lock (inFlight)
                    {
                        if (inFlight.Contains(orphan.TurnId)) continue;
                    }
                    if (!await slots.WaitAsync(0, stoppingToken)) break;
                    lock (inFlight) inFlight.Add(orphan.TurnId);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await turns.ResumeOrphanAsync(orphan, stoppingToken);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            logger.LogWarning(ex, "Could not resume turn {TurnId} of thread {ThreadId}", orphan.TurnId, orphan.ThreadId);
                        }
                        finally
                        {
                            lock (inFlight) inFlight.Remove(orphan.TurnId);
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
