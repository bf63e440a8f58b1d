using SupportAgent.Offline.Understanding;

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

        var signal = Signal(facts);
        if (TextSignals.AsksForPerson(facts.Current) || signal.AsksForHuman || facts.Pending?.Kind == PendingKind.Person && facts.Affirmative)
            return Escalation.Escalate(context, "Customer asked to speak to a person.");
        // Tone alone is answered first (see Soothe); threats, hazards and anger that outlasts an answer hand over.
        if (signal.ShouldEscalate)
            return Escalation.Escalate(context, $"Customer is upset ({signal.Reason}): \"{Excerpt(facts.Current)}\"");
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

        // Something no tool does: say so plainly and hand over or point to the help center, never answer another question.
        // "How do I cancel an order?" asked where the help center can be searched is a question, not a request.
        var answersQuestion = facts.AnswersProposal || facts.Pending is not null && (facts.Affirmative || facts.Negative);
        var helpCenterQuestion = context.Offers("search_docs") && UnservedRequests.IsHowTo(facts.Current);
        if (!answersQuestion && !helpCenterQuestion && UnservedRequests.Detect(facts.Current) is { } unserved)
            return Unserved(context, unserved);

        // A "thanks" after a question the engine asked is not an answer to it; only a clear yes or no is.
        if (TextSignals.IsSmallTalk(facts.Current) && !facts.AnswersProposal && (facts.Pending is null || !facts.Affirmative))
        {
            return AgentDecision.Say(TextSignals.IsThanks(facts.Current)
                ? "You're welcome! Is there anything else I can help you with?"
                : "Hello! I can help with your orders, refunds, deliveries and questions about our policies. What can I do for you?");
        }
        return null;
    }

    private static EscalationSignal Signal(ConversationFacts facts) =>
        EscalationSignals.Detect(facts.Current, facts.EarlierUserTexts.FirstOrDefault(), facts.PriorAssistantTexts.FirstOrDefault());

    private static AgentDecision Unserved(LaneContext context, UnservedRequest request)
    {
        var text = $"{request.CannotDo} {request.SelfService}";
        if (!request.NeedsPerson || !context.Offers(Escalation.Tool)) return AgentDecision.Say($"{text} {Phrases.PersonOffer}");
        var reason = $"Customer asks for something the assistant cannot do ({request.Kind}): \"{Excerpt(context.Facts.Current)}\"";
        return new AgentDecision($"{text} A colleague can take care of it, so I'm passing your request on.",
            [new ToolRequest(Escalation.Tool, new() { ["reason"] = reason })]);
    }

    /// <summary>
    /// An upset customer whose question was answered: the answer stands, with an apology and the offer of a person
    /// (issue 16: frustration is not a reason to stop helping).
    /// </summary>
    public static AgentDecision Soothe(AgentDecision decision, LaneContext context)
    {
        if (decision.Calls.Count > 0 || decision.Text is not { Length: > 0 } text || !Signal(context.Facts).AnswerFirst) return decision;
        if (text.Contains(Phrases.PersonOffer, StringComparison.Ordinal) || text.StartsWith(Escalation.HandedOver, StringComparison.Ordinal))
            return AgentDecision.Say($"I'm sorry about the trouble. {text}");
        var offer = text.Contains('?') ? "If you'd rather have a person take this over, just say so." : Phrases.PersonOffer;
        return AgentDecision.Say($"I'm sorry about the trouble. {text} {offer}");
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
