using SupportAgent.Api.Graph;

namespace SupportAgent.Api.Conversations;

/// <summary>What sending a message led to.</summary>
public abstract record TurnStart
{
    /// <summary>Another turn of this thread is running (on this or another replica).</summary>
    public sealed record Busy : TurnStart;

    /// <summary>The same <c>Idempotency-Key</c> was already answered: here is the stored answer.</summary>
    public sealed record Replay(string TurnId, string MessageId, string Reply) : TurnStart;

    /// <summary>The <c>Idempotency-Key</c> was already used in this thread for a different message.</summary>
    public sealed record KeyReused : TurnStart;

    /// <summary>A person holds the thread: the message went to them, the bot stays quiet.</summary>
    public sealed record ToHuman(string MessageId, string Status) : TurnStart;

    /// <summary>The turn runs; its events arrive on <see cref="Sink"/>, whether or not anyone is reading.</summary>
    public sealed record Started(string TurnId, TurnChannelSink Sink, Task Completion) : TurnStart;
}
