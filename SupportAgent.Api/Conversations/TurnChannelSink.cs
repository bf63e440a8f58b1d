using System.Threading.Channels;
using SupportAgent.Api.Graph;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// Decouples a running turn from the HTTP response streaming it: the turn writes here and never waits on the
/// client, so a customer who disconnects mid-stream loses nothing (the turn completes and is stored).
/// Also notes when the first reply text left the graph, for the first-response time.
/// </summary>
public sealed class TurnChannelSink(TimeProvider clock) : ITurnEventSink
{
    private readonly Channel<TurnEvent> _channel = Channel.CreateUnbounded<TurnEvent>(new() { SingleReader = true });

    public DateTimeOffset? FirstReplyAt { get; private set; }

    public ChannelReader<TurnEvent> Reader => _channel.Reader;

    public ValueTask WriteAsync(TurnEvent turnEvent, CancellationToken cancellationToken)
    {
        if (turnEvent is DeltaEvent && FirstReplyAt is null) FirstReplyAt = clock.GetUtcNow();
        _channel.Writer.TryWrite(turnEvent);
        return ValueTask.CompletedTask;
    }

    public void Complete() => _channel.Writer.TryComplete();
}
