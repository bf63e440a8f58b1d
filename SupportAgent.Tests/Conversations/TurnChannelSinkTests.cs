using SupportAgent.Api.Conversations;
using SupportAgent.Api.Graph;

namespace SupportAgent.Tests.Conversations;

/// <summary>The stream of one turn: done is the last event and arrives only when the turn has let go of the thread.</summary>
public sealed class TurnChannelSinkTests
{
    [Fact]
    public async Task Done_is_held_until_the_turn_completes_so_the_next_message_never_finds_the_thread_busy()
    {
        var sink = new TurnChannelSink(TimeProvider.System);
        await sink.WriteAsync(new DeltaEvent("Hello"), default);
        await sink.WriteAsync(new DoneEvent("msg_1", 1, 2, 0.01m), default);

        Assert.True(sink.Reader.TryRead(out var delta));
        Assert.IsType<DeltaEvent>(delta);
        Assert.False(sink.Reader.TryRead(out _));

        sink.Complete();
        var rest = new List<TurnEvent>();
        await foreach (var e in sink.Reader.ReadAllAsync()) rest.Add(e);
        Assert.Equal([new DoneEvent("msg_1", 1, 2, 0.01m)], rest);
    }
}
