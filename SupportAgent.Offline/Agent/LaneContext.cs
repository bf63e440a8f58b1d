namespace SupportAgent.Offline.Agent;

/// <summary>A policy's view of one step: the conversation facts and the tools the graph offered this lane.</summary>
internal sealed class LaneContext(ConversationFacts facts, IReadOnlySet<string> tools)
{
    public ConversationFacts Facts { get; } = facts;

    /// <summary>Only declared tools may be called: the graph's offer is the lane's boundary.</summary>
    public bool Offers(string tool) => tools.Contains(tool);
}

/// <summary>One lane's behaviour: reads the facts and decides the next step.</summary>
internal interface ILanePolicy
{
    AgentDecision Decide(LaneContext context);
}
