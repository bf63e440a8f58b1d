namespace SupportAgent.Api.Graph;

/// <summary>The SSE events of a turn (ARCHITECTURE.md §6), in the order they can occur. <see cref="Type"/> is the SSE event name.</summary>
public abstract record TurnEvent
{
    public abstract string Type { get; }
}

public sealed record RouteEvent(string Lane, double Confidence) : TurnEvent
{
    public override string Type => "route";
}

public sealed record NodeEvent(string Node) : TurnEvent
{
    public override string Type => "node";
}

public sealed record ToolCallEvent(string CallId, string Tool, IReadOnlyDictionary<string, object?> Arguments) : TurnEvent
{
    public override string Type => "tool_call";
}

public sealed record ToolResultEvent(string CallId, string Tool, string Outcome, string Message) : TurnEvent
{
    public override string Type => "tool_result";
}

public sealed record DeltaEvent(string Text) : TurnEvent
{
    public override string Type => "delta";
}

public sealed record HandoffEvent(string HandoffId, string Reason, string Message) : TurnEvent
{
    public override string Type => "handoff";
}

public sealed record DoneEvent(string MessageId, long InputTokens, long OutputTokens, decimal Cost) : TurnEvent
{
    public override string Type => "done";
}

public sealed record ErrorEvent(string Code, string Detail) : TurnEvent
{
    public override string Type => "error";
}
