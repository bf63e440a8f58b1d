using System.Text;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Offline.Agent;

/// <summary>Finding the order in focus and describing orders: shared by the lanes that work on one order.</summary>
internal static class OrderReplies
{
    public const string GetOrder = "get_order";
    public const string ListOrders = "list_orders";
    private const int MaxListed = 10;
    private const int MaxProbes = 4;

    /// <summary>
    /// No order in focus. When the customer describes one ("my shoes never came", "the one from last week") or has none
    /// in mind, their orders are listed first and the one that fits is picked: by item (looking the likely orders up),
    /// status, date or price. Several that fit make a short list; otherwise the customer is asked for the number.
    /// </summary>
    public static AgentDecision AskOrList(LaneContext context, string question, bool listByDefault = false)
    {
        var facts = context.Facts;
        var reference = facts.Reference;
        if (facts.Last(ListOrders) is { } list)
        {
            if (list.Outcome != ToolOutcomes.Ok) return AgentDecision.Say(Listed(list, question));
            if (Probe(context) is { } probe) return probe;
            if (reference.Candidates.Count > 1) return AgentDecision.Say(ShortList(reference.Candidates));
            if (reference.ItemWords.Count > 0 && reference.Candidates.Count == 0 && facts.TurnResults.Any(r => r.Tool == GetOrder))
                return AgentDecision.Say($"I couldn't find {Thing(reference)} in your recent orders. " + Listed(list, question));
            return AgentDecision.Say(Listed(list, question));
        }

        var describes = reference.Describes || reference.ItemWords.Count > 0 || OrderReferences.IsComplaint(facts.Current);
        var wantsList = listByDefault || describes || TextSignals.WantsOrderList(facts.Current)
            || facts.Pending?.Kind == PendingKind.ListOrders && facts.Affirmative;
        if (wantsList && context.Offers(ListOrders)) return AgentDecision.Call(ListOrders);

        var offer = context.Offers(ListOrders) ? " " + Phrases.ListOffer : "";
        // No example number: a made-up one would read as somebody's order (and the output guard rightly flags it).
        return AgentDecision.Say($"{question} Please share the order number; it's in your order confirmation email.{offer}");
    }

    /// <summary>An item was named but the listed orders do not say what is in them: look up the likely ones, once.</summary>
    private static AgentDecision? Probe(LaneContext context)
    {
        var facts = context.Facts;
        var reference = facts.Reference;
        if (!context.Offers(GetOrder) || facts.TurnResults.Any(r => r.Tool == GetOrder)) return null;
        if (!reference.NeedsItems(facts.KnownOrders)) return null;
        var complaint = OrderReferences.ComplaintStatuses(facts.Current);
        var likely = reference.Candidates.Count > 0
            ? reference.Candidates
            : facts.ShownOrders.Where(o => complaint.Count == 0 || o.Status is { } s && complaint.Contains(s)).ToList();
        var probes = likely.Where(o => o.Items is null).Take(MaxProbes).ToList();
        return probes.Count == 0
            ? null
            : new AgentDecision(null, probes.Select(o => new ToolRequest(GetOrder, new() { ["order_id"] = o.OrderId })).ToList());
    }

    private static string Thing(OrderReference reference) =>
        reference.ItemWords.Count > 0 ? $"a {reference.ItemWords[0]}" : "that";

    /// <summary>The orders that could be meant, in the list format so "the second one" works on the next turn.</summary>
    public static string ShortList(IReadOnlyList<KnownOrder> orders)
    {
        var text = new StringBuilder("I found a few orders that could be the one you mean:\n");
        foreach (var order in orders.Take(MaxListed))
        {
            var items = order.Items is { Count: > 0 } names ? $" ({string.Join(", ", names)})" : "";
            text.Append($"- Order {order.OrderId}: {Phrases.Status(order.Status ?? "unknown")}, {Phrases.Money(order.Total ?? 0)}");
            if (order.PlacedAt is { } placed) text.Append($", placed {placed.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
            text.Append(items).Append('\n');
        }
        return text.Append("Which one is it?").ToString();
    }

    /// <summary>get_order for the order unless this turn already has its result.</summary>
    public static AgentDecision? LookUp(LaneContext context, string orderId) =>
        context.Facts.Last(GetOrder, orderId) is null
            ? context.Offers(GetOrder)
                ? AgentDecision.Call(GetOrder, ("order_id", orderId))
                : AgentDecision.Say($"I can't look up order {orderId} from here, I'm sorry. {Phrases.PersonOffer}")
            : null;

    /// <summary>The reply for a lookup that did not return an order; null when it did.</summary>
    public static string? Failure(ToolObservation lookup, string orderId) => lookup.Outcome switch
    {
        ToolOutcomes.Ok => null,
        ToolOutcomes.NotFound =>
            $"I couldn't find order {orderId} on your account. Could you check the number? It's in your confirmation email.",
        ToolOutcomes.Error => LookupError($"order {orderId}"),
        _ => lookup.Result.Message,
    };

    public static string LookupError(string what) =>
        $"I'm sorry, {Phrases.ErrorMarker} while looking up {what}. Please try again in a moment, or ask for a person and I'll bring in a colleague.";

    public static string Listed(ToolObservation list, string question)
    {
        if (list.Outcome == ToolOutcomes.Error) return LookupError("your orders");
        var orders = list.Data<OrderListData>()?.Orders ?? [];
        if (orders.Count == 0) return "I can't find any orders on your account. If you ordered under another email address, please tell me the order number.";

        var text = new StringBuilder("Here are your recent orders:\n");
        foreach (var order in orders.Take(MaxListed))
            text.Append($"- Order {order.OrderId}: {Phrases.Status(order.Status)}, {Phrases.Money(order.Total)}, placed {Phrases.Date(order.PlacedAt)}\n");
        return text.Append(question).ToString();
    }

    /// <summary>One order in a few lines: status, items, total, dates.</summary>
    public static string Describe(OrderData order)
    {
        var text = new StringBuilder($"Order {order.OrderId} is {Phrases.Status(order.Status)}.");
        if (order.Items is { Count: > 0 } items)
            text.Append(" Items: ").AppendJoin(", ", items.Select(i => $"{i.Quantity} × {i.Name} ({Phrases.Money(i.Price)})")).Append('.');
        text.Append($" Total: {Phrases.Money(order.Total)}");
        if (order.RefundedTotal > 0) text.Append($", of which {Phrases.Money(order.RefundedTotal)} has been refunded");
        text.Append($". Placed {Phrases.Date(order.PlacedAt)}");
        if (order.ShippedAt is not null) text.Append($", shipped {Phrases.Date(order.ShippedAt)}");
        if (order.DeliveredAt is not null) text.Append($", delivered {Phrases.Date(order.DeliveredAt)}");
        text.Append('.');
        if (order.Carrier is not null && order.TrackingNumber is not null)
            text.Append($" It travels with {order.Carrier}, tracking number {order.TrackingNumber}.");
        return text.ToString();
    }
}
