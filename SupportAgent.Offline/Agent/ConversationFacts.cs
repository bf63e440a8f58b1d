using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// What the engine knows from the conversation the graph sent: the current message, the earlier turns (text only, a
/// bounded window) and the tool calls and results of the current turn.
/// </summary>
internal sealed class ConversationFacts
{
    private ConversationFacts(string current, IReadOnlyList<string> earlierUser, IReadOnlyList<string> priorAssistant,
        IReadOnlyList<ToolObservation> turnResults)
    {
        Current = current;
        EarlierUserTexts = earlierUser;
        PriorAssistantTexts = priorAssistant;
        TurnResults = turnResults;
        Pending = Phrases.PendingIn(priorAssistant.FirstOrDefault());
    }

    /// <summary>The customer's message this turn answers.</summary>
    public string Current { get; }

    /// <summary>Earlier customer messages, most recent first.</summary>
    public IReadOnlyList<string> EarlierUserTexts { get; }

    /// <summary>Earlier engine replies, most recent first.</summary>
    public IReadOnlyList<string> PriorAssistantTexts { get; }

    /// <summary>Tool results of this turn, in the order they came back.</summary>
    public IReadOnlyList<ToolObservation> TurnResults { get; }

    /// <summary>What the previous reply asked the customer to confirm.</summary>
    public PendingAction? Pending { get; }

    public bool Affirmative => TextSignals.IsAffirmative(Current);
    public bool Negative => TextSignals.IsNegative(Current);

    /// <summary>The order in focus: named now, else in the tool calls of this turn, else earlier (most recent first).</summary>
    public string? OrderId =>
        TextSignals.OrderId(Current)
        ?? TurnResults.Select(r => r.OrderId).LastOrDefault(id => id is not null)
        ?? Pending?.OrderId
        ?? EarlierUserTexts.Select(TextSignals.OrderId).FirstOrDefault(id => id is not null);

    /// <summary>
    /// An amount the customer asked for about <paramref name="orderId"/>: in this message, else in an earlier one, but
    /// not across a message about another order (a past "$20 on order 1001" is no request for order 1007).
    /// </summary>
    public decimal? RequestedAmount(string orderId)
    {
        foreach (var text in EarlierUserTexts.Prepend(Current))
        {
            var mentioned = TextSignals.OrderId(text);
            if (mentioned is not null && mentioned != orderId) return null;
            if (TextSignals.Amount(text) is { } amount) return amount;
        }
        return null;
    }

    /// <summary>
    /// Why the customer wants <paramref name="orderId"/> refunded or replaced: said now, else earlier, but not across a
    /// message about another order (the blender that arrived broken says nothing about the next order).
    /// </summary>
    public string ReasonFor(string orderId)
    {
        foreach (var text in EarlierUserTexts.Prepend(Current))
        {
            var mentioned = TextSignals.OrderId(text);
            if (mentioned is not null && mentioned != orderId) break;
            if (TextSignals.Reason(text) is { } reason) return reason;
        }
        return "customer request";
    }

    public bool AllUserTexts(Func<string, bool> test) => test(Current) || EarlierUserTexts.Any(test);

    /// <summary>Tool failures so far: error results this turn plus earlier replies that reported one.</summary>
    public int ErrorCount =>
        TurnResults.Count(r => r.Outcome == ToolOutcomes.Error)
        + PriorAssistantTexts.Count(t => t.Contains(Phrases.ErrorMarker, StringComparison.Ordinal));

    /// <summary>Times policy has said no: refusals this turn plus earlier replies that declined.</summary>
    public int DeclineCount =>
        TurnResults.Count(r => r.Outcome == ToolOutcomes.Refused)
        + PriorAssistantTexts.Count(t => t.Contains(Phrases.DeclineMarker, StringComparison.Ordinal));

    public ToolObservation? Last(string tool, string? orderId = null) =>
        TurnResults.LastOrDefault(r => r.Tool == tool && (orderId is null || r.OrderId == orderId));

    public static ConversationFacts From(IReadOnlyList<ChatMessage> messages)
    {
        // The customer's message is the last user message with text; whatever follows it is this turn's tool work.
        var lastUser = -1;
        for (var i = messages.Count - 1; i >= 0 && lastUser < 0; i--)
            if (messages[i].Role == ChatRole.User && messages[i].Contents.OfType<TextContent>().Any()) lastUser = i;

        var earlier = messages.Take(Math.Max(lastUser, 0)).ToList();
        var turn = messages.Skip(lastUser + 1).ToList();
        var results = turn.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
            .Select(r => Observe(turn, r)).OfType<ToolObservation>().ToList();

        return new ConversationFacts(
            lastUser >= 0 ? messages[lastUser].Text : "",
            earlier.Where(m => m.Role == ChatRole.User).Select(m => m.Text).Reverse().ToList(),
            earlier.Where(m => m.Role == ChatRole.Assistant && m.Text.Length > 0).Select(m => m.Text).Reverse().ToList(),
            results);
    }

    private static ToolObservation? Observe(IReadOnlyList<ChatMessage> turn, FunctionResultContent result)
    {
        // A result without its call cannot be attributed to a tool; it is ignored rather than guessed.
        var call = ToolObservation.FindCall(turn, result.CallId);
        return call is null
            ? null
            : new ToolObservation(result.CallId, call.Name, call.Arguments ?? new Dictionary<string, object?>(),
                ToolObservation.ReadEnvelope(result.Result));
    }
}
