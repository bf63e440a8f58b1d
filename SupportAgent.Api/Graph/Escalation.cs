using Microsoft.Agents.AI.Workflows;

namespace SupportAgent.Api.Graph;

/// <summary>
/// The one way any node hands a thread to a person: tell the customer, record why, and send the request to the
/// HUMAN port, where the workflow pauses (and is checkpointed) until an agent answers.
/// </summary>
public static class Escalation
{
    public const string HumanPortId = "HUMAN";

    public static class Reasons
    {
        public const string AskedForPerson = "customer_asked_for_person";
        public const string Upset = "customer_upset";
        public const string AboveCap = "refund_needs_approval";
        public const string AgentRequested = "agent_requested";
        public const string ToolFailures = "tool_failures";
        public const string ToolLimit = "tool_call_limit";

        /// <summary>The model provider kept failing (errors, rate limits, timeouts, empty answers) after retries.</summary>
        public const string ModelUnavailable = "model_unavailable";

        /// <summary>The provider's content filter refused the conversation or the answer.</summary>
        public const string ContentFiltered = "content_filtered";

        /// <summary>The model sent unreadable tool arguments again after being told the first time.</summary>
        public const string InvalidToolArguments = "invalid_tool_arguments";
    }

    /// <param name="proposal">
    /// The action a person must approve or deny (status awaiting_approval), stored in the state and on the handoff.
    /// Without one, an unconfirmed proposal is dropped: a person now owns the case.
    /// </param>
    public static async ValueTask EscalateAsync(
        IWorkflowContext context, TurnScope scope, string reason, string detail, int priority, CancellationToken ct,
        Proposal? proposal = null)
    {
        var state = await context.ReadOrInitStateAsync(ConversationState.Key, () => new ConversationState(), ConversationScope, ct);
        var message = CustomerMessage(reason);
        if (scope.RequestReply.Length > 0)
        {
            // Text the specialist wrote before its tool calls has reached the customer: it passes the output check
            // like a finished reply, and stays in the history with the handoff message.
            if (OutputGuard.Check(scope.RequestReply, scope.Scratch, state) is { } finding)
                await scope.WriteReplyAsync("\n\n" + finding.Correction, ct);
        }
        if (scope.Reply.Length > 0) await scope.WriteReplyAsync("\n\n", ct);
        await scope.WriteReplyAsync(message, ct);
        var summary = Summarize(scope, state, detail);
        scope.Handoff = new HandoffRequest(reason, scope.Lane, summary, priority, proposal);
        state = state.Remember("assistant", scope.RequestReply) with { Proposal = proposal };
        await context.QueueStateUpdateAsync(ConversationState.Key, state, ConversationScope, ct);
        await context.SendMessageAsync(new EscalationRequest(reason, scope.Lane, summary, priority, proposal), ct);
    }

    /// <summary>The conversation state lives in a scope every node shares, not in one executor's private scope.</summary>
    public const string ConversationScope = "thread";

    private static string CustomerMessage(string reason) => reason switch
    {
        Reasons.AboveCap =>
            "Refunds of this size need a colleague's approval, so I've passed your request to our support team. " +
            "A person will reply here shortly; you won't need to repeat anything.",
        Reasons.Upset =>
            "I'm sorry this has been so frustrating. I've asked a member of our support team to take over; " +
            "a person will reply here shortly and can see everything we've discussed.",
        Reasons.ModelUnavailable =>
            "I'm having trouble putting an answer together right now, so I've passed your conversation to our support team. " +
            "A person will reply here shortly; you won't need to repeat anything.",
        // Never the provider's own wording: it names the filter's categories, which reads as an accusation.
        Reasons.ContentFiltered =>
            "I'm not able to answer that here, so I've passed your conversation to a member of our support team. " +
            "A person will reply here shortly and can see everything we've discussed.",
        Reasons.AskedForPerson =>
            "Of course. I've passed your conversation to a member of our support team. " +
            "A person will reply here shortly and can see everything we've discussed.",
        _ =>
            "I'd like a colleague to look at this properly, so I've passed your conversation to our support team. " +
            "A person will reply here shortly; you won't need to repeat anything.",
    };

    private static string Summarize(TurnScope scope, ConversationState state, string detail)
    {
        var lines = new List<string> { $"Reason: {detail}", $"Lane: {scope.Lane}", $"Customer: {scope.Request.CustomerId}" };
        lines.AddRange(state.History.TakeLast(6).Select(h => $"{h.Role}: {Truncate(h.Text, 240)}"));
        lines.AddRange(scope.Scratch.Select(c => $"tool {c.Name}({Truncate(c.ArgumentsJson, 80)}) -> {c.Outcome}"));
        return string.Join("\n", lines);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
