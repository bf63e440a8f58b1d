namespace SupportAgent.Api.Graph;

/// <summary>
/// Runs one customer turn through the agent graph. It streams <see cref="TurnEvent"/>s as they happen and returns
/// what the caller must persist; it keeps no state of its own between turns (the checkpoint store does).
/// </summary>
public interface ITurnRunner
{
    Task<TurnResult> RunTurnAsync(TurnRequest request, ITurnEventSink sink, CancellationToken cancellationToken);

    /// <summary>
    /// Answers the thread's pending HUMAN request with the agent's decision (return to bot, resolve, approve, deny) and
    /// runs the graph on from that checkpoint. <see cref="TurnRequest.Text"/> is unused.
    /// </summary>
    Task<TurnResult> ResumeFromHumanAsync(TurnRequest request, HumanResponse response, ITurnEventSink sink, CancellationToken cancellationToken);
}

/// <param name="TurnId">Unique per customer message; tool calls and checkpoints of the turn carry it.</param>
/// <param name="ResumeFrom">The checkpoint at the end of the thread's last completed turn; null for a new thread.</param>
public sealed record TurnRequest(string ThreadId, string CustomerId, string TurnId, string Text, string? ResumeFrom = null);

/// <summary>What a finished turn produced. <see cref="Handoff"/> is set when the thread now waits for a person.</summary>
public sealed record TurnResult(
    string Reply,
    string Lane,
    TokenUsage Usage,
    HandoffRequest? Handoff,
    string? CheckpointId = null);

public sealed record TokenUsage(long InputTokens, long OutputTokens, decimal Cost)
{
    public static readonly TokenUsage Zero = new(0, 0, 0m);

    public TokenUsage Add(TokenUsage other) =>
        new(InputTokens + other.InputTokens, OutputTokens + other.OutputTokens, Cost + other.Cost);
}

/// <param name="Priority">1 (most urgent) to 3.</param>
/// <param name="Proposal">The action waiting for a person's approval, when policy needed one.</param>
public sealed record HandoffRequest(string Reason, string Lane, string Summary, int Priority, Proposal? Proposal = null);

public interface ITurnEventSink
{
    ValueTask WriteAsync(TurnEvent turnEvent, CancellationToken cancellationToken);
}
