namespace SupportAgent.Api.Graph;

public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>
    /// Below this router confidence a thread with no lane yet gets a short clarifying question instead of a guess; if
    /// the answer still leaves the router under it, the thread goes to GENERAL (ARCHITECTURE.md §2). The offline router's
    /// confidence is calibrated (Routing/TemperatureScaling.cs), so this is close to the chance that the lane is right.
    /// </summary>
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>A thread leaves its lane only when the router is at least this sure of another one.</summary>
    public double TopicChangeConfidence { get; set; } = 0.7;

    /// <summary>Tool calls a specialist may make in one turn before the case goes to a person.</summary>
    public int MaxToolCallsPerTurn { get; set; } = 8;

    /// <summary>Failed tool calls in one turn that make the case "unusual" and escalate it.</summary>
    public int MaxToolFailuresPerTurn { get; set; } = 2;

    /// <summary>
    /// How long ROUTE waits for each of its reads (Prefetch: the orders the message names, their tracking, the
    /// help-center search) before the specialist starts without it; 0 turns the reads off. A local read takes
    /// milliseconds; the bound keeps a slow backend from costing the turn twice.
    /// </summary>
    public double PrefetchWaitSeconds { get; set; } = 5;
}
