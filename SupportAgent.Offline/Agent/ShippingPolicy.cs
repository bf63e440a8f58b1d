using System.Globalization;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// SHIPPING: track the order and summarise it; when the carrier reports it lost or damaged, propose a replacement
/// (propose_reship), ask, and reship exactly that proposal once the graph reports the customer's yes. Anything else
/// cannot be reshipped yet, and the customer is told why.
/// </summary>
internal sealed class ShippingPolicy : ILanePolicy
{
    private const string GetTracking = "get_tracking";
    private const string Reship = Proposals.Reship;
    private const string Question = "Which order would you like me to check?";

    public AgentDecision Decide(LaneContext context)
    {
        var facts = context.Facts;
        if (SharedRules.Check(context) is { } shared) return shared;
        if (facts.Last(Reship) is { } reship) return After(context, reship);

        if (facts.Confirmed(Proposals.Kinds.Reship) is { } confirmed) return Send(context, confirmed);
        if (facts.Declined(Proposals.Kinds.Reship) is not null)
            return AgentDecision.Say("No problem, I won't send a replacement. Is there anything else I can help you with?");

        // "Where's my parcel?" without a number: the customer's orders are listed and the one still on its way picked.
        if (facts.OrderId is not { } orderId)
            return OrderReplies.AskOrList(context, Question, listByDefault: TextSignals.AsksWhereabouts(facts.Current));

        if (facts.Last(GetTracking, orderId) is not { } tracking)
        {
            if (context.Offers(GetTracking)) return AgentDecision.Call(GetTracking, ("order_id", orderId));
            return OrderReplies.LookUp(context, orderId) ?? Describe(context, orderId);
        }

        return tracking.Outcome switch
        {
            ToolOutcomes.Ok when tracking.Data<TrackingData>() is { } data => Summarise(context, data),
            ToolOutcomes.NotFound => AgentDecision.Say($"I couldn't find tracking for order {orderId}. {tracking.Result.Message}"),
            ToolOutcomes.Ok or ToolOutcomes.Error => AgentDecision.Say(OrderReplies.LookupError($"the tracking for order {orderId}")),
            _ => AgentDecision.Say(tracking.Result.Message),
        };
    }

    private static AgentDecision Summarise(LaneContext context, TrackingData tracking)
    {
        var id = tracking.OrderId;
        var status = Phrases.Status(tracking.Status);
        switch (tracking.Status)
        {
            case "not_shipped":
                return AgentDecision.Say(
                    $"Order {id} hasn't shipped yet, so there's no tracking number for it yet. You'll get one by email as soon as the carrier picks it up.");
            case "cancelled":
                return AgentDecision.Say($"Order {id} was cancelled before it shipped, so there's nothing to track.");
        }
        var summary = $"Order {id} is with {tracking.Carrier ?? "the carrier"}";
        if (tracking.TrackingNumber is not null) summary += $" (tracking number {tracking.TrackingNumber})";
        summary += $", status: {status}.";
        if (Latest(tracking.Events) is { } latest)
        {
            var where = string.IsNullOrWhiteSpace(latest.Location) ? "" : $", {latest.Location}";
            summary += $" Latest update: {latest.Description}{where} ({Phrases.Date(latest.At)}).";
        }
        if (tracking.EstimatedDelivery is not null && tracking.Status is not ("lost" or "damaged" or "delivered"))
            summary += $" Estimated delivery: {Phrases.Date(tracking.EstimatedDelivery)}.";

        // A replacement already sent is the answer to "where is it now", and the only one an order gets.
        if (tracking.Replacement is { } replacement)
        {
            return AgentDecision.Say(
                $"{summary} A replacement is already on its way with {replacement.Carrier ?? tracking.Carrier ?? "the carrier"}, tracking number {replacement.TrackingNumber}{(replacement.CreatedAt is { } sent ? $", sent {Phrases.Date(sent)}" : "")}.");
        }

        if (tracking.Status is "lost" or "damaged")
        {
            if (!context.Offers(Proposals.ProposeReship)) return AgentDecision.Say($"{summary} I'm sorry about that. {Phrases.PersonOffer}");
            return context.Facts.Last(Proposals.ProposeReship, id) switch
            {
                null => AgentDecision.Call(Proposals.ProposeReship, ("order_id", id), ("reason", ReasonFor(context, id))),
                { Outcome: ToolOutcomes.Ok } => AgentDecision.Say($"{summary} I'm sorry about that. I can send you a replacement at no cost. {Phrases.AskReship(id)}"),
                var failed => AgentDecision.Say($"{summary} I'm sorry, {Phrases.ErrorMarker} and I couldn't prepare a replacement: {failed.Result.Message}"),
            };
        }

        var wantsReplacement = TextSignals.WantsReplacement(context.Facts.Current);
        if (!wantsReplacement) return AgentDecision.Say(summary);
        return Escalation.Decline(context,
            $"{summary} {Phrases.DeclineMarker} send a replacement yet: that's only possible once the carrier reports a parcel lost or damaged. If it hasn't arrived by the estimated date, let me know and I'll check again.",
            $"reship for order {id} not possible while {status}");
    }

    private static TrackingEvent? Latest(IReadOnlyList<TrackingEvent>? events) =>
        events is not { Count: > 0 }
            ? null
            : events.MaxBy(e => DateTimeOffset.TryParse(e.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : DateTimeOffset.MinValue) ?? events[^1];

    private static AgentDecision Describe(LaneContext context, string orderId) =>
        context.Facts.Last(OrderReplies.GetOrder, orderId) is { } order
            ? AgentDecision.Say(OrderReplies.Failure(order, orderId)
                ?? (order.Data<OrderData>() is { } data ? OrderReplies.Describe(data) : OrderReplies.LookupError($"order {orderId}")))
            : AgentDecision.Say(OrderReplies.LookupError($"order {orderId}"));

    private static string ReasonFor(LaneContext context, string orderId) =>
        context.Facts.ReasonFor(orderId) is var said && said != "customer request" ? said : "carrier reports the parcel lost or damaged";

    /// <summary>Executes exactly the proposal the customer confirmed.</summary>
    private static AgentDecision Send(LaneContext context, Proposal proposal) =>
        context.Offers(Reship)
            ? AgentDecision.Call(Reship, ("order_id", proposal.OrderId), ("reason", proposal.Reason))
            : AgentDecision.Say($"I can't arrange a replacement from here, I'm sorry. {Phrases.PersonOffer}");

    private static AgentDecision After(LaneContext context, ToolObservation reship)
    {
        var id = reship.OrderId ?? "";
        return reship.Outcome switch
        {
            ToolOutcomes.Ok => AgentDecision.Say(reship.Data<ReshipData>()?.TrackingNumber is { } tracking
                ? $"Done: I've arranged a replacement for order {id}. Its new tracking number is {tracking}, and you'll be able to follow it once the carrier picks it up."
                : $"Done: I've arranged a replacement for order {id}. You'll get its tracking number as soon as the carrier picks it up."),
            ToolOutcomes.Refused => Escalation.Decline(context,
                $"{Phrases.DeclineMarker} send a replacement for order {id}: {reship.Result.Message}",
                $"reship for order {id} refused: {reship.Result.Message}", refusedByTool: true),
            ToolOutcomes.NotFound => AgentDecision.Say($"I couldn't find order {id} on your account, so no replacement was sent."),
            _ => AgentDecision.Say(
                $"I'm sorry, {Phrases.ErrorMarker} and I couldn't confirm the replacement was arranged. {Phrases.RetryReship(id)}"),
        };
    }
}
