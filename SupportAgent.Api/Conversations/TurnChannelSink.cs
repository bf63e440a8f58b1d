using System.Threading.Channels;
using SupportAgent.Api.Graph;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// Decouples a running turn from the HTTP response streaming it: the turn writes here and never waits on the
/// client, so a customer who disconnects mid-stream loses nothing (the turn completes and is stored).
/// Also notes when the first reply text left the graph, for the first-response time. The closing <c>done</c> event is
/// held back until <see cref="Complete"/>, which the coordinator calls only after giving the thread's lease back: a
/// client that sends its next message as soon as it reads <c>done</c> never finds the thread still busy (409).
/// </summary>
public sealed class TurnChannelSink(TimeProvider clock) : ITurnEventSink
{
    private readonly Channel<TurnEvent> _channel = Channel.CreateUnbounded<TurnEvent>(new() { SingleReader = true });
    private DoneEvent? _done;

    public DateTimeOffset? FirstReplyAt { get; private set; }

    public ChannelReader<TurnEvent> Reader => _channel.Reader;

    public ValueTask WriteAsync(TurnEvent turnEvent, CancellationToken cancellationToken)
    {
        if (turnEvent is DeltaEvent && FirstReplyAt is null) FirstReplyAt = clock.GetUtcNow();
        if (turnEvent is DoneEvent done)
        {
            _done = done;
            return ValueTask.CompletedTask;
        }
        _channel.Writer.TryWrite(turnEvent);
        return ValueTask.CompletedTask;
    }

    public void Complete()
    {
        if (_done is { } done) _channel.Writer.TryWrite(done);
        _channel.Writer.TryComplete();
    }
}
