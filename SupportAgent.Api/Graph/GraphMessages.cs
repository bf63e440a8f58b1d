namespace SupportAgent.Api.Graph;

// Messages that travel along the workflow's edges. They are serialized into checkpoints, so they hold plain data only.

/// <summary>A customer message entering the graph at ROUTE.</summary>
public sealed record CustomerTurn(string TurnId, string Text);

/// <summary>
/// ROUTE's decision: the lane whose specialist serves this turn. <paramref name="Focus"/> is the one request of a
/// message that asks several things this specialist answers now (null: the whole message). <paramref name="Prefetched"/>
/// are the reads ROUTE already made for it (Prefetch), which the specialist starts from as completed tool calls.
/// </summary>
public sealed record LaneTask(string Lane, double Confidence, string? Focus = null, IReadOnlyList<CompletedToolCall>? Prefetched = null);

/// <summary>A specialist finished its request without waiting for the customer: ROUTE hands the next queued one on.</summary>
public sealed record NextRequest(string FromLane);

/// <summary>Function calls a specialist asks its tool node to execute.</summary>
public sealed record ToolBatch(string Lane, IReadOnlyList<PendingToolCall> Calls);

/// <param name="CallId">The graph's id of the call (ToolCallIds): unique in the turn, whatever ids the model gives.</param>
/// <param name="ArgumentsError">Why the model's arguments could not be read (not a JSON object); the call is not run.</param>
public sealed record PendingToolCall(string CallId, string Name, string ArgumentsJson, string? ArgumentsError = null);

/// <summary>The tool node's answers, back to the specialist.</summary>
public sealed record ToolBatchResult(string Lane, IReadOnlyList<CompletedToolCall> Calls);

public sealed record CompletedToolCall(string CallId, string Name, string ArgumentsJson, string Outcome, string ResultJson);

/// <summary>
/// The request sent to the HUMAN port: the thread waits here until a person answers. <paramref name="Proposal"/> is
/// the decision the person must take when policy needed one (a refund above the cap): approve or deny it.
/// </summary>
public sealed record EscalationRequest(string Reason, string Lane, string Summary, int Priority, Proposal? Proposal = null);

/// <summary>
/// The human side's answer at the HUMAN port. Every way out of a handoff answers it (issue 19), so no workflow is left
/// waiting: <see cref="HumanDecisions"/> says which.
/// </summary>
/// <param name="Note">The agent's note (return to bot, resolve) or the reason the customer sees (deny).</param>
/// <param name="Amount">An approval's changed amount, within what the order allows; null keeps the proposal's.</param>
public sealed record HumanResponse(string AgentId, string Note, string Decision = HumanDecisions.Return, decimal? Amount = null);

public static class HumanDecisions
{
    public const string Return = "return";
    public const string Resolve = "resolve";
    public const string Approve = "approve";
    public const string Deny = "deny";
}

/// <summary>ROUTE to a lane's tool node: execute the proposal a person approved, exactly once.</summary>
public sealed record ApprovedAction(string Lane, Proposal Proposal);
