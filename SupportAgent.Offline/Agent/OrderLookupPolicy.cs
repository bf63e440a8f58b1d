namespace SupportAgent.Offline.Agent;

/// <summary>
/// ORDER_LOOKUP: get_order for a named order, else list_orders; answer with status, items, total and dates. "Where is my
/// order" is answered like SHIPPING answers it (get_tracking: status, carrier, tracking number, latest event), so a
/// router that confuses the two lanes costs the customer nothing (docs/LANES.md).
/// </summary>
internal sealed class OrderLookupPolicy : ILanePolicy
{
    private static readonly ShippingPolicy tracking = new();

    private const string Question = "Which one would you like to know more about?";

    public AgentDecision Decide(LaneContext context)
    {
        var facts = context.Facts;
        if (SharedRules.Check(context) is { } shared) return shared;
        // "Where is it" and "send me a new one" are delivery questions: answered from the tracking, as SHIPPING does.
        if ((TextSignals.AsksWhereabouts(facts.Current) || TextSignals.WantsReplacement(facts.Current)) && context.Offers("get_tracking"))
            return tracking.Decide(context);

        // "Show me all my orders" is a list even if an order was discussed earlier.
        var orderId = TextSignals.WantsOrderList(facts.Current) ? TextSignals.OrderId(facts.Current) : facts.OrderId;
        if (orderId is null) return OrderReplies.AskOrList(context, Question, listByDefault: true);
        if (OrderReplies.LookUp(context, orderId) is { } lookUp) return lookUp;

        var order = facts.Last(OrderReplies.GetOrder, orderId)!;
        if (OrderReplies.Failure(order, orderId) is { } failure) return AgentDecision.Say(failure);
        return AgentDecision.Say(order.Data<OrderData>() is { } data
            ? OrderReplies.Describe(data)
            : OrderReplies.LookupError($"order {orderId}"));
    }
}
