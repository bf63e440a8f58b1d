namespace SupportAgent.Api.Graph;

/// <summary>
/// Runs one customer turn through the agent graph. It streams <see cref="TurnEvent"/>s as they happen and returns
/// what the caller must persist; it keeps no state of its own between turns (the checkpoint store does).
/// </summary>
public interface ITurnRunner
{
    Task<TurnResult> RunTurnAsync(TurnRequest request, ITurnEventSink sink, CancellationToken cancellationToken);
}

/// <param name="TurnId">Unique per customer message; tool calls and checkpoints of the turn carry it.</param>
public sealed record TurnRequest(string ThreadId, string CustomerId, string TurnId, string Text);

/// <summary>What a finished turn produced. <see cref="Handoff"/> is set when the thread now waits for a person.</summary>
public sealed record TurnResult(
    string Reply,
    string Lane,
    TokenUsage Usage,
    HandoffRequest? Handoff);

public sealed record TokenUsage(long InputTokens, long OutputTokens, decimal Cost)
{
    public static readonly TokenUsage Zero = new(0, 0, 0m);

    public TokenUsage Add(TokenUsage other) =>
        new(InputTokens + other.InputTokens, OutputTokens + other.OutputTokens, Cost + other.Cost);
}

/// <param name="Priority">1 (most urgent) to 3.</param>
public sealed record HandoffRequest(string Reason, string Lane, string Summary, int Priority);

public interface ITurnEventSink
{
    ValueTask WriteAsync(TurnEvent turnEvent, CancellationToken cancellationToken);
}
