namespace SupportAgent.Api.Graph;

public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>Below this router confidence an unknown thread goes to GENERAL (ARCHITECTURE.md §2).</summary>
    public double MinConfidence { get; set; } = 0.45;

    /// <summary>A thread leaves its lane only when the router is at least this sure of another one.</summary>
    public double TopicChangeConfidence { get; set; } = 0.7;

    /// <summary>Tool calls a specialist may make in one turn before the case goes to a person.</summary>
    public int MaxToolCallsPerTurn { get; set; } = 8;

    /// <summary>Failed tool calls in one turn that make the case "unusual" and escalate it.</summary>
    public int MaxToolFailuresPerTurn { get; set; } = 2;
}
