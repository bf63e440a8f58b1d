using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// What the engine knows from the conversation the graph sent: the current message, the earlier turns (text only, a
/// bounded window) and the tool calls and results of the current turn.
/// </summary>
internal sealed partial class ConversationFacts
{
    private readonly Lazy<OrderReference> _reference;

    private ConversationFacts(string current, IReadOnlyList<string> earlierUser, IReadOnlyList<string> priorAssistant,
        IReadOnlyList<ToolObservation> turnResults, IReadOnlyList<string> history, DateTimeOffset now, Proposal? proposal)
    {
        Proposal = proposal;
        Current = current;
        EarlierUserTexts = earlierUser;
        PriorAssistantTexts = priorAssistant;
        TurnResults = turnResults;
        EarlierTexts = history;
        Now = now;
        Pending = Phrases.PendingIn(priorAssistant.FirstOrDefault());
        _reference = new(() => OrderReferences.Resolve(Current, ShownOrders, KnownOrders, Now,
            TextSignals.OrderId(Current) is null ? OrderReferences.ComplaintStatuses(Current) : null));
    }

    /// <summary>Earlier messages of both sides, most recent first.</summary>
    public IReadOnlyList<string> EarlierTexts { get; }

    /// <summary>The time of the turn, from the system prompt's context (for "the one from last week").</summary>
    public DateTimeOffset Now { get; }

    /// <summary>How the current message points at an order without its number ("the second one", "the lamp").</summary>
    public OrderReference Reference => _reference.Value;

    /// <summary>The orders of the latest list: this turn's list_orders, else the list in a recent reply.</summary>
    public IReadOnlyList<KnownOrder> ShownOrders =>
        Last(OrderReplies.ListOrders)?.Data<OrderListData>()?.Orders is { Count: > 0 } listed
            ? listed.Select(Known).ToList()
            : PriorAssistantTexts.Take(3).Select(OrderTexts.ListIn).FirstOrDefault(l => l.Count > 0) ?? [];

    /// <summary>Everything known about orders: lists and descriptions in earlier replies, then this turn's tool data.</summary>
    public IReadOnlyList<KnownOrder> KnownOrders
    {
        get
        {
            var known = new Dictionary<string, KnownOrder>();
            void Add(KnownOrder order) => known[order.OrderId] = known.TryGetValue(order.OrderId, out var had)
                ? new KnownOrder(order.OrderId, order.Status ?? had.Status, order.Total ?? had.Total, order.PlacedAt ?? had.PlacedAt, order.Items ?? had.Items)
                : order;
            foreach (var text in PriorAssistantTexts.Take(6).Reverse())
                foreach (var order in OrderTexts.ListIn(text).Concat(OrderTexts.DescribedIn(text))) Add(order);
            if (Last(OrderReplies.ListOrders)?.Data<OrderListData>()?.Orders is { } list)
                foreach (var order in list) Add(Known(order));
            foreach (var lookup in TurnResults.Where(r => r.Tool == OrderReplies.GetOrder && r.Outcome == ToolOutcomes.Ok))
                if (lookup.Data<OrderData>() is { } data)
                    Add(new KnownOrder(data.OrderId, data.Status, data.Total, OrderTexts.ParseDate(data.PlacedAt), data.Items?.Select(i => i.Name).ToList()));
            return known.Values.ToList();
        }
    }

    private static KnownOrder Known(OrderSummary order) =>
        new(order.OrderId, order.Status, order.Total, OrderTexts.ParseDate(order.PlacedAt), order.Items is { Count: > 0 } items ? items : null);

    /// <summary>The customer's message this turn answers.</summary>
    public string Current { get; }

    /// <summary>Earlier customer messages, most recent first.</summary>
    public IReadOnlyList<string> EarlierUserTexts { get; }

    /// <summary>Earlier engine replies, most recent first.</summary>
    public IReadOnlyList<string> PriorAssistantTexts { get; }

    /// <summary>Tool results of this turn, in the order they came back.</summary>
    public IReadOnlyList<ToolObservation> TurnResults { get; }

    /// <summary>What the previous reply offered (a person, the order list).</summary>
    public PendingAction? Pending { get; }

    /// <summary>The refund or reship the graph holds for this lane, with the customer's answer read into its status.</summary>
    public Proposal? Proposal { get; }

    /// <summary>The proposal when the customer's message confirmed it: the one action the engine may now execute.</summary>
    public Proposal? Confirmed(string kind) =>
        Proposal is { Status: Proposals.Statuses.Confirmed } p && p.Kind == kind ? p : null;

    /// <summary>The proposal when the customer's message declined it.</summary>
    public Proposal? Declined(string kind) =>
        Proposal is { Status: Proposals.Statuses.Declined } p && p.Kind == kind ? p : null;

    /// <summary>The customer's message answered a proposal, so it is no small talk nor a new request.</summary>
    public bool AnswersProposal => Proposal?.Status is Proposals.Statuses.Confirmed or Proposals.Statuses.Declined;

    public bool Affirmative => TextSignals.IsAffirmative(Current);
    public bool Negative => TextSignals.IsNegative(Current);

    /// <summary>
    /// The order in focus: named now, else pointed at ("the second one", "the lamp"), else in the tool calls of this
    /// turn, else earlier (most recent first). An order picked by description that fits no order, or a turn that listed
    /// the orders to find it, has none: an older order must not be taken for it.
    /// </summary>
    public string? OrderId =>
        TextSignals.OrderId(Current)
        ?? Reference.OrderId
        ?? (Reference.Describes || Last(OrderReplies.ListOrders) is not null ? null : Earlier);

    private string? Earlier =>
        (OrderReferences.PointsBack(Current) ? EarlierTexts.Select(SingleOrder).FirstOrDefault(id => id is not null) : null)
        ?? TurnResults.Select(r => r.OrderId).LastOrDefault(id => id is not null)
        ?? Proposal?.OrderId
        ?? EarlierUserTexts.Select(TextSignals.OrderId).FirstOrDefault(id => id is not null);

    private static string? SingleOrder(string text) =>
        OrderTexts.Mentioned(text) is { Count: 1 } ids ? ids[0] : null;

    /// <summary>
    /// An amount the customer asked for about <paramref name="orderId"/>: in this message, else in an earlier one, but
    /// not across a message about another order (a past "$20 on order 1001" is no request for order 1007).
    /// </summary>
    public decimal? RequestedAmount(string orderId)
    {
        foreach (var text in EarlierUserTexts.Prepend(Current))
        {
            var entities = MessageEntities.Read(text);
            if (entities.OrderIds.Count > 0 && !entities.OrderIds.Contains(orderId)) return null;
            if (entities.AmountFor(orderId) is { } amount) return amount;
            if (entities.OrderIds.Count > 0) return null;
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

        // One request of several: the graph names the part this lane answers, and that part is the message.
        var current = FocusTag.Read(messages) ?? (lastUser >= 0 ? messages[lastUser].Text : "");
        return new ConversationFacts(
            current,
            earlier.Where(m => m.Role == ChatRole.User).Select(m => m.Text).Reverse().ToList(),
            earlier.Where(m => m.Role == ChatRole.Assistant && m.Text.Length > 0).Select(m => m.Text).Reverse().ToList(),
            results,
            earlier.Where(m => m.Role != ChatRole.System && m.Text.Length > 0).Select(m => m.Text).Reverse().ToList(),
            NowIn(messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text),
            Proposals.Read(messages));
    }

    /// <summary>The "Now:" line of the system prompt's context; the clock when a prompt has none.</summary>
    private static DateTimeOffset NowIn(string? systemPrompt) =>
        systemPrompt is not null && NowLine().Match(systemPrompt) is { Success: true } m
            && DateTimeOffset.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now)
            ? now
            : DateTimeOffset.UtcNow;

    [GeneratedRegex(@"Now:\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2})")]
    private static partial Regex NowLine();

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
