using System.Collections.Concurrent;
using Npgsql;

namespace SupportAgent.Api.Streaming;

/// <summary>
/// Holds one LISTEN connection per Api process and wakes the local subscribers of a thread when any replica appends
/// an event to it. Subscribers re-read the durable log, so a missed notification only delays, never loses, an event.
/// </summary>
public sealed class ThreadEventHub(NpgsqlDataSource db, ILogger<ThreadEventHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, SemaphoreSlim>> _subscribers = new();

    public IDisposable Subscribe(string threadId, SemaphoreSlim signal)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(threadId, _ => new())[id] = signal;
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(threadId, out var set)) set.TryRemove(id, out _);
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Wake(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ThreadEventStore.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Thread event listener lost its connection; subscribers fall back to polling until it is back");
                WakeAll();
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Wake(string threadId)
    {
        if (!_subscribers.TryGetValue(threadId, out var set)) return;
        foreach (var signal in set.Values)
        {
            if (signal.CurrentCount == 0) signal.Release();
        }
    }

    private void WakeAll()
    {
        foreach (var threadId in _subscribers.Keys) Wake(threadId);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
