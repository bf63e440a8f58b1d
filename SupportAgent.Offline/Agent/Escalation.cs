
namespace SupportAgent.Offline.Agent;

/// <summary>Handing over to a person, and saying no in a way that hands over when it keeps happening.</summary>
internal static class Escalation
{
    public const string Tool = "escalate_to_human";

    public const string HandedOver =
        "I've passed your conversation to a colleague, who will reply here as soon as they can. Everything we've discussed is saved, so you won't need to repeat yourself.";

    public static AgentDecision Escalate(LaneContext context, string reason) =>
        context.Offers(Tool)
            ? AgentDecision.Call(Tool, ("reason", reason))
            : AgentDecision.Say(
                "I can't hand you over from this part of the chat. Tell me what your question is about (a refund, a delivery or something else) and I can bring in a colleague.");

    /// <summary>
    /// Says no, or escalates when policy has already said no once: a customer who keeps hitting a rule needs a person.
    /// </summary>
    /// <param name="refusedByTool">The refusal is a tool result of this turn, so it is already counted.</param>
    public static AgentDecision Decline(LaneContext context, string text, string reason, bool refusedByTool = false)
    {
        var previous = context.Facts.DeclineCount - (refusedByTool ? 1 : 0);
        return previous >= 1 ? Escalate(context, $"Policy declined twice: {reason}") : AgentDecision.Say(text);
    }

    /// <summary>The reply after escalate_to_human came back; <paramref name="handedOver"/> is said on success.</summary>
    public static string After(ToolObservation escalation, string handedOver) => escalation.Outcome switch
    {
        ToolOutcomes.Escalated or ToolOutcomes.Ok => handedOver,
        ToolOutcomes.Refused => "A colleague already has your conversation and will reply here as soon as they can.",
        _ => $"I'm sorry, {Phrases.ErrorMarker} and I couldn't reach a colleague just now. Please try again in a moment.",
    };
}
