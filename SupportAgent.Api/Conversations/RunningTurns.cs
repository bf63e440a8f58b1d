using Microsoft.Extensions.Options;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// The turns this process is running, so shutdown can let them finish: on stop it waits up to
/// <see cref="TurnOptions.ShutdownGraceSeconds"/>, then cuts the rest off. A cut-off turn ends its stream with an
/// <c>error</c> event, stays running and gives its lease back, so another process (or this one, restarted) resumes it
/// from its last checkpoint.
/// </summary>
public sealed class RunningTurns(IOptions<TurnOptions> options, ILogger<RunningTurns> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private int _count;
    private TaskCompletionSource _idle = NewIdle();

    /// <summary>Cancelled when the grace period is over: every turn still running is cut off.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public IDisposable Track()
    {
        lock (_stopping)
        {
            if (_count++ == 0) _idle = NewIdle();
        }
        return new Tracked(this);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task idle;
        lock (_stopping)
        {
            idle = _count == 0 ? Task.CompletedTask : _idle.Task;
        }
        if (!idle.IsCompleted)
        {
            logger.LogInformation("Waiting for {Count} running turn(s) to finish", Volatile.Read(ref _count));
            await idle.WaitAsync(TimeSpan.FromSeconds(options.Value.ShutdownGraceSeconds), cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await _stopping.CancelAsync();
    }

    private void Done()
    {
        lock (_stopping)
        {
            if (--_count == 0) _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Tracked(RunningTurns owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Done();
        }
    }
}
