using Microsoft.Extensions.Options;
using SupportAgent.ToolsService.Backends;

namespace SupportAgent.ToolsService.Policy;

public enum RefundVerdict
{
    Allowed,
    Refused,
    NeedsApproval,
}

/// <param name="AmountCents">What would be refunded (the request, or everything still refundable).</param>
public sealed record RefundDecision(RefundVerdict Verdict, long AmountCents, string Message);

/// <summary>
/// The refund rules, as code rather than prompt: who can be refunded, how much, and when a person must approve.
/// Pure functions of the order and the request, so the rules read (and test) on their own.
/// </summary>
public sealed class RefundPolicy(IOptions<RefundOptions> options)
{
    public long CapCents => options.Value.ApprovalCapCents;

    /// <summary>What is still refundable under policy: 0 when the order is not eligible at all.</summary>
    public long RefundableCents(BackendOrder order) => IneligibleReason(order) is null ? order.RemainingCents : 0;

    public RefundDecision Decide(BackendOrder order, long? requestedCents)
    {
        if (IneligibleReason(order) is { } reason)
        {
            return new(RefundVerdict.Refused, 0, reason);
        }
        var remaining = order.RemainingCents;
        var amount = requestedCents ?? remaining;
        if (amount <= 0)
        {
            return new(RefundVerdict.Refused, amount, "A refund has to be more than $0.00.");
        }
        if (amount > remaining)
        {
            var already = order.RefundedCents > 0 ? $" ({Money.Format(order.RefundedCents)} of {Money.Format(order.TotalCents)} was already refunded)" : "";
            return new(RefundVerdict.Refused, amount,
                $"I can refund at most {Money.Format(remaining)} for order #{order.OrderId}{already}, so {Money.Format(amount)} is more than is left.");
        }
        // The cap applies to everything refunded on the order, so a large refund cannot be split into small ones.
        if (order.RefundedCents + amount > CapCents)
        {
            var total = order.RefundedCents > 0
                ? $" would bring the total refunded on order #{order.OrderId} to {Money.Format(order.RefundedCents + amount)}, which"
                : $" for order #{order.OrderId}";
            return new(RefundVerdict.NeedsApproval, amount,
                $"A refund of {Money.Format(amount)}{total} is above the {Money.Format(CapCents)} I can approve on my own, so a member of our team needs to approve it. No money has been moved yet.");
        }
        return new(RefundVerdict.Allowed, amount, "");
    }

    /// <summary>Null when the order may be refunded; otherwise why not, in words a customer can read.</summary>
    private static string? IneligibleReason(BackendOrder order)
    {
        var id = order.OrderId;
        if (order.Status == "refunded" || order.RemainingCents <= 0)
        {
            return $"Order #{id} has already been refunded in full ({Money.Format(order.RefundedCents)}).";
        }
        return order.Status switch
        {
            "delivered" or "partially_refunded" => null,
            "cancelled" when order.ShippedAt is null => null,
            "cancelled" => $"Order #{id} was cancelled after it shipped, so it needs to be returned before it can be refunded.",
            "pending" => $"Order #{id} hasn't shipped yet, so there is nothing to refund; it can be cancelled instead, and a cancelled order is refunded in full.",
            "shipped" or "in_transit" => $"Order #{id} is still on its way; a refund is possible once it has been delivered.",
            "lost" => $"Order #{id} was lost by the carrier. For a lost parcel we send a free replacement, or a member of our team can arrange a refund.",
            "damaged" => $"Order #{id} arrived damaged. For damaged items we send a free replacement, or a member of our team can arrange a refund.",
            _ => $"Order #{id} is {OrderWording.Status(order.Status)} and can't be refunded.",
        };
    }
}
