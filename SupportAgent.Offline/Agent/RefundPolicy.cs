using System.Text.RegularExpressions;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// REFUND: find the order, check it can be refunded, propose the amount (propose_refund) and ask, refund exactly the
/// proposal once the graph reports the customer's yes, then report what the payments tool did. Above the cap the tool
/// answers needs_approval and the graph hands the case to a person.
/// </summary>
internal sealed partial class RefundPolicy : ILanePolicy
{
    private const string IssueRefund = Proposals.IssueRefund;
    private const string Question = "Which order would you like a refund for?";

    public AgentDecision Decide(LaneContext context)
    {
        var facts = context.Facts;
        var refund = facts.Last(IssueRefund);
        if (refund?.Outcome == ToolOutcomes.NeedsApproval && facts.Last(Escalation.Tool) is { } escalation)
            return AgentDecision.Say(Escalation.After(escalation,
                $"Refunds of {Phrases.Money(AmountOf(refund))} need a colleague's approval, so I've passed your request for order {refund.OrderId} to a colleague, who will reply here. Nothing has been refunded yet."));

        if (SharedRules.Check(context) is { } shared) return shared;
        if (refund is not null) return After(context, refund);

        if (facts.Confirmed(Proposals.Kinds.Refund) is { } confirmed) return Issue(context, confirmed);
        if (facts.Declined(Proposals.Kinds.Refund) is not null)
            return AgentDecision.Say("No problem, I haven't refunded anything. Is there anything else I can help you with?");

        if (facts.OrderId is not { } orderId) return OrderReplies.AskOrList(context, Question);
        if (OrderReplies.LookUp(context, orderId) is { } lookUp) return lookUp;

        var order = facts.Last(OrderReplies.GetOrder, orderId)!;
        if (OrderReplies.Failure(order, orderId) is { } failure) return AgentDecision.Say(failure);
        return order.Data<OrderData>() is { } data
            ? Assess(context, data)
            : AgentDecision.Say(OrderReplies.LookupError($"order {orderId}"));
    }

    private static AgentDecision Assess(LaneContext context, OrderData order)
    {
        var id = order.OrderId;
        var refundable = order.RefundableAmount;
        var status = Phrases.Status(order.Status);
        switch (order.Status)
        {
            case "delivered" or "cancelled" or "partially_refunded" when refundable > 0:
                var requested = context.Facts.RequestedAmount(id) ?? ItemsAmount(context, order);
                var amount = requested is { } r && r <= refundable ? r : refundable;
                var cap = requested > refundable ? $"The most I can refund for order {id} is {Phrases.Money(refundable)}. " : "";
                var already = order.RefundedTotal > 0 ? $" ({Phrases.Money(order.RefundedTotal)} has already been refunded)" : "";
                return Propose(context, id, amount, $"{cap}Order {id} is {status}{already}, so it can be refunded. ");
            case "refunded" or "delivered" or "cancelled" or "partially_refunded":
                return AgentDecision.Say(
                    $"Order {id} has already been refunded in full ({Phrases.Money(order.RefundedTotal)}), so there is nothing left to refund. A refund reaches your original payment method within 5-10 business days of being issued.");
            case "shipped" or "in_transit":
                return Escalation.Decline(context,
                    $"Order {id} is still on its way ({status}), so {Phrases.DeclineMarker} refund it before it's delivered. Please give it a little longer, or ask me about its delivery if it seems stuck.",
                    $"order {id} is {status}");
            case "pending":
                return Escalation.Decline(context,
                    $"Order {id} hasn't shipped yet, so {Phrases.DeclineMarker} refund it, but it can be cancelled instead. {Phrases.PersonOffer}",
                    $"order {id} is pending");
            case "lost" or "damaged":
                return Escalation.Decline(context,
                    $"The carrier reports order {id} as {status}, so {Phrases.DeclineMarker} refund it here; the fix is a free replacement. Ask me about the delivery of order {id} and I can arrange one.",
                    $"order {id} is {status}");
            default:
                return Escalation.Decline(context,
                    $"Order {id} is {status}, so {Phrases.DeclineMarker} refund it. {Phrases.PersonOffer}",
                    $"order {id} is {status}");
        }
    }

    /// <summary>Records the proposal with the graph, then asks the customer (the graph confirms it from their answer).</summary>
    private static AgentDecision Propose(LaneContext context, string orderId, decimal amount, string lead)
    {
        if (!context.Offers(Proposals.ProposeRefund))
            return AgentDecision.Say($"I can't issue refunds from here, I'm sorry. {Phrases.PersonOffer}");
        return context.Facts.Last(Proposals.ProposeRefund, orderId) switch
        {
            null => AgentDecision.Call(Proposals.ProposeRefund,
                ("order_id", orderId), ("amount", amount), ("reason", context.Facts.ReasonFor(orderId))),
            { Outcome: ToolOutcomes.Ok } => AgentDecision.Say($"{lead}{Phrases.AskRefund(orderId, amount)}"),
            var failed => AgentDecision.Say($"I'm sorry, {Phrases.ErrorMarker} and I couldn't prepare the refund: {failed.Result.Message}"),
        };
    }

    /// <summary>Executes exactly the proposal the customer confirmed: its order, its amount, its reason.</summary>
    private static AgentDecision Issue(LaneContext context, Proposal proposal) =>
        context.Offers(IssueRefund) && proposal.Amount is { } amount
            ? AgentDecision.Call(IssueRefund, ("order_id", proposal.OrderId), ("amount", amount), ("reason", proposal.Reason))
            : AgentDecision.Say($"I can't issue refunds from here, I'm sorry. {Phrases.PersonOffer}");

    private static AgentDecision After(LaneContext context, ToolObservation refund)
    {
        var id = refund.OrderId ?? "";
        var amount = AmountOf(refund);
        switch (refund.Outcome)
        {
            case ToolOutcomes.Ok:
                var reference = refund.Data<RefundData>()?.RefundId is { } refundId ? $" (reference {refundId})" : "";
                return AgentDecision.Say(
                    $"Done: I've refunded {Phrases.Money(amount)} for order {id} to your original payment method{reference}. It should appear within 5-10 business days.");
            case ToolOutcomes.NeedsApproval:
                return Escalation.Escalate(context,
                    $"Refund of {Phrases.Money(amount)} for order {id} needs approval: it is above the automatic refund limit.");
            case ToolOutcomes.Refused:
                return Escalation.Decline(context,
                    $"{Phrases.DeclineMarker} refund order {id}: {refund.Result.Message}",
                    $"refund for order {id} refused: {refund.Result.Message}", refusedByTool: true);
            case ToolOutcomes.NotFound:
                return AgentDecision.Say($"I couldn't find order {id} on your account, so nothing was refunded.");
            default:
                return AgentDecision.Say(
                    $"I'm sorry, {Phrases.ErrorMarker} and I couldn't confirm the refund went through. {Phrases.RetryRefund(id, amount)}");
        }
    }

    /// <summary>
    /// "Refund the lamps from that order": the price of the items named, when they are some of the order's items and
    /// the customer did not ask for the whole order. Null when no item, or every item, is named.
    /// </summary>
    private static decimal? ItemsAmount(LaneContext context, OrderData order)
    {
        var text = context.Facts.Current;
        if (order.Items is not { Count: > 1 } items || WholeOrder().IsMatch(text)) return null;
        // Only items that are what is to be refunded ("refund the lamps from that order", "return the earbuds"), not
        // items named as the reason for refunding the order ("refund order 1150, the socks don't fit").
        var refunded = RefundedItems().Matches(text.ToLowerInvariant()).Select(m => m.Groups["x"].Value).ToList();
        var words = refunded.SelectMany(x => OrderReferences.ItemWords($"the {x}")).Distinct().ToList();
        if (words.Count == 0) return null;
        var named = items.Where(i => OrderReferences.NameMatches(i.Name, words)).ToList();
        return named.Count > 0 && named.Count < items.Count ? named.Sum(i => i.Price * i.Quantity) : null;
    }

    [GeneratedRegex(@"\b(?:refund|return|send\s+back|money\s+back\s+for|pay\s+(?:me\s+)?back\s+for|credit\s+(?:me\s+)?for)\s+(?:me\s+)?(?:for\s+)?(?:just\s+|only\s+)?(?:the|my|those|these|both)\s+(?<x>[a-z][a-z' -]{2,40}?)(?=\s+(?:from|in|of|on|please|pls|because|as|since|they|it|that|which)\b|\s*[.,!?;]|\s*$)|\b(?:only|just)\s+(?:for\s+)?(?:the|my)\s+(?<x>[a-z][a-z' -]{2,40}?)(?=\s+(?:from|in|of|please|pls)\b|\s*[.,!?;]|\s*$)")]
    private static partial Regex RefundedItems();

    [GeneratedRegex(@"\b(?:whole|entire|full|everything|all\s+of\s+(?:it|them|the\s+order)|the\s+lot|complete\s+order)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WholeOrder();

    /// <summary>The amount the tool refunded, else the amount asked for.</summary>
    private static decimal AmountOf(ToolObservation refund) =>
        refund.Data<RefundData>()?.Amount is { } paid and > 0
            ? paid
            : decimal.TryParse(refund.Argument("amount"), System.Globalization.NumberStyles.Number,
                System.Globalization.CultureInfo.InvariantCulture, out var asked) ? asked : 0m;
}
