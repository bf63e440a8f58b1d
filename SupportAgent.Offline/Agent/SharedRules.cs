
namespace SupportAgent.Offline.Agent;

/// <summary>
/// What every lane does the same way, before its own policy: the hand-over rules of ARCHITECTURE.md §2 (the customer asks
/// for a person or is upset, a tool failed twice), honesty about being automated, and small talk.
/// </summary>
internal static class SharedRules
{
    /// <summary>The shared decision, or null when the lane's policy should decide.</summary>
    public static AgentDecision? Check(LaneContext context)
    {
        var facts = context.Facts;
        if (facts.Last(Escalation.Tool) is { } escalation)
            return AgentDecision.Say(Escalation.After(escalation, Escalation.HandedOver));

        if (TextSignals.AsksForPerson(facts.Current) || facts.Pending?.Kind == PendingKind.Person && facts.Affirmative)
            return Escalation.Escalate(context, "Customer asked to speak to a person.");
        if (TextSignals.IsUpset(facts.Current))
            return Escalation.Escalate(context, $"Customer is upset: \"{Excerpt(facts.Current)}\"");
        // Only at the moment of the second failure: an old failure in the window must not hand over every later turn.
        if (facts.TurnResults.Any(r => r.Outcome == ToolOutcomes.Error) && facts.ErrorCount >= 2)
            return Escalation.Escalate(context, "A tool failed twice in this conversation.");

        if (TextSignals.AsksIfHuman(facts.Current))
        {
            return AgentDecision.Say(
                "I'm the automated support assistant, not a person, but I can look up orders, issue refunds, track deliveries and answer questions. "
                + Phrases.PersonOffer);
        }
        if (facts.Pending?.Kind == PendingKind.Person && facts.Negative)
            return AgentDecision.Say("No problem. Is there anything else I can help you with?");

        // A "thanks" after a question the engine asked is not an answer to it; only a clear yes or no is.
        if (TextSignals.IsSmallTalk(facts.Current) && (facts.Pending is null || !facts.Affirmative))
        {
            return AgentDecision.Say(TextSignals.IsThanks(facts.Current)
                ? "You're welcome! Is there anything else I can help you with?"
                : "Hello! I can help with your orders, refunds, deliveries and questions about our policies. What can I do for you?");
        }
        return null;
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
