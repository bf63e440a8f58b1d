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
/// <param name="Policy">For NeedsApproval: which rule asks for a person (<see cref="ApprovalPolicies"/>).</param>
public sealed record RefundDecision(RefundVerdict Verdict, long AmountCents, string Message, string? Policy = null);

/// <summary>What the ledger knows beyond the order, read under the order's lock.</summary>
/// <param name="PendingOnOrderCents">Refunds of the order left pending by a crashed process (maybe paid).</param>
/// <param name="AutoRefundedTodayCents">What the bot refunded this customer on its own today (UTC).</param>
/// <param name="ApprovedBy">The agent who approved this refund: the cap and the daily ceiling do not apply.</param>
public sealed record RefundContext(long PendingOnOrderCents, long AutoRefundedTodayCents, string? ApprovedBy);

/// <summary>
/// The refund rules, as code rather than prompt: who can be refunded, how much, and when a person must approve.
/// Pure functions of the order and the request, so the rules read (and test) on their own.
/// </summary>
public sealed class RefundPolicy(IOptions<RefundOptions> options)
{
    public long CapCents => options.Value.ApprovalCapCents;

    public long DailyCeilingCents => options.Value.DailyAutoRefundCeilingCents;

    /// <summary>What is still refundable under policy: 0 when the order is not eligible at all.</summary>
    public long RefundableCents(BackendOrder order) => IneligibleReason(order) is null ? order.RemainingCents : 0;

    public RefundDecision Decide(BackendOrder order, long? requestedCents) => Decide(order, requestedCents, new RefundContext(0, 0, null));

    /// <summary>
    /// Eligibility and the refundable amount always apply; the cap and the daily ceiling only to what the bot does on its
    /// own (a person's approval waives them).
    /// </summary>
    public RefundDecision Decide(BackendOrder order, long? requestedCents, RefundContext context)
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
        if (context.ApprovedBy is not null)
        {
            return new(RefundVerdict.Allowed, amount, "");
        }
        // The cap applies to everything refunded on the order, whichever conversation did it, so a large refund cannot be
        // split into small ones; the caller reads the order under the order's lock, so two splits cannot race past it.
        var counted = order.RefundedCents + context.PendingOnOrderCents;
        if (counted + amount > CapCents)
        {
            var total = counted > 0
                ? $" would bring the total refunded on order #{order.OrderId} to {Money.Format(counted + amount)}, which"
                : $" for order #{order.OrderId}";
            return new(RefundVerdict.NeedsApproval, amount,
                $"A refund of {Money.Format(amount)}{total} is above the {Money.Format(CapCents)} I can approve on my own, so a member of our team needs to approve it. No money has been moved yet.",
                ApprovalPolicies.AboveCap);
        }
        if (context.AutoRefundedTodayCents + amount > DailyCeilingCents)
        {
            return new(RefundVerdict.NeedsApproval, amount,
                $"A refund of {Money.Format(amount)} would bring today's refunds on your account to {Money.Format(context.AutoRefundedTodayCents + amount)}, " +
                $"above the {Money.Format(DailyCeilingCents)} a day I can approve on my own, so a member of our team needs to approve it. No money has been moved yet.",
                ApprovalPolicies.DailyCeiling);
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
