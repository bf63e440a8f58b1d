namespace SupportAgent.Api.Graph;

// Messages that travel along the workflow's edges. They are serialized into checkpoints, so they hold plain data only.

/// <summary>A customer message entering the graph at ROUTE.</summary>
public sealed record CustomerTurn(string TurnId, string Text);

/// <summary>ROUTE's decision: the lane whose specialist serves this turn.</summary>
public sealed record LaneTask(string Lane, double Confidence);

/// <summary>Function calls a specialist asks its tool node to execute.</summary>
public sealed record ToolBatch(string Lane, IReadOnlyList<PendingToolCall> Calls);

public sealed record PendingToolCall(string CallId, string Name, string ArgumentsJson);

/// <summary>The tool node's answers, back to the specialist.</summary>
public sealed record ToolBatchResult(string Lane, IReadOnlyList<CompletedToolCall> Calls);

public sealed record CompletedToolCall(string CallId, string Name, string ArgumentsJson, string Outcome, string ResultJson);

/// <summary>The request sent to the HUMAN port: the thread waits here until a person answers.</summary>
public sealed record EscalationRequest(string Reason, string Lane, string Summary, int Priority);

/// <summary>The human side's answer at the HUMAN port when an agent hands the thread back to the bot.</summary>
public sealed record HumanResponse(string AgentId, string Note);
