using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportAgent.ToolsService.Backends;
using SupportAgent.ToolsService.Ledger;
using SupportAgent.ToolsService.Policy;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// Refunds through the payments provider after the policy allows it, under the order's money lock from the policy read
/// to the provider's answer. The idempotency key is per confirmed proposal (<c>refund:{orderId}:{proposalId}</c>): a
/// retried proposal refunds once and says so, two genuine refunds of the same amount are two payments.
/// </summary>
public sealed class IssueRefundTool(
    OrderAccess orders, RefundPolicy policy, OrderMoneyLock moneyLock, MockBackendsClient backends, IOptions<ToolsOptions> options,
    ILogger<IssueRefundTool> logger) : ITool
{
    public string Name => "issue_refund";

    public string Description =>
        "Refund one of the signed-in customer's orders to the original payment method. Our policy is enforced here: the order " +
        "must be delivered, or cancelled before it shipped, and not already fully refunded; the amount defaults to everything " +
        "still refundable and cannot be more than that. A refund that would take the order's refunded total above the approval " +
        "limit returns needs_approval and moves no money: then tell the customer a person will review it and escalate. " +
        "Only call this after the customer has asked for a refund of that order. Retrying is safe: a repeated call never refunds twice.";

    public JsonElement Parameters { get; } = ToolSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "order_id": { "type": "string", "description": "The order number, e.g. \"1042\"." },
            "amount": { "type": "number", "description": "Dollars to refund, e.g. 25.50. Leave out to refund everything still refundable." },
            "reason": { "type": "string", "description": "Why the customer wants the refund, in a few words." }
          },
          "required": ["order_id", "reason"],
          "additionalProperties": false
        }
        """);

    public static string IdempotencyKey(long orderId, string proposalId) => $"refund:{orderId}:{proposalId}";

    public async Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct)
    {
        var (requested, amountError) = call.Arguments.Amount("amount");
        if (amountError is not null)
        {
            return ToolResult.InvalidArguments(amountError);
        }
        if (MoneyCalls.ProposalMissing(call, options.Value) is { } refusal)
        {
            return refusal;
        }
        if (call.Arguments.OrderId() is not (true, { } orderId, _))
        {
            return (await orders.FindOwnOrderAsync(call, ct)).Failure!;
        }
        await using var ledger = await moneyLock.AcquireAsync(orderId, ct);
        return await RefundLockedAsync(call, orderId, requested is { } dollars ? Money.ToCents(dollars) : null, ledger, ct);
    }

    /// <summary>Everything from here on runs with the order's money lock held.</summary>
    private async Task<ToolResult> RefundLockedAsync(ToolCall call, long orderId, long? requestedCents, MoneyLedger ledger, CancellationToken ct)
    {
        var (order, failure) = await orders.FindOwnOrderAsync(call, ct);
        if (order is null)
        {
            return failure!;
        }
        var key = IdempotencyKey(order.OrderId, call.EffectiveProposalId);
        var reason = call.Arguments.String("reason") ?? "Customer request";
        var state = new
        {
            orderId = order.OrderId,
            status = order.Status,
            total = order.Total,
            refundedTotal = order.RefundedTotal,
            refundable = Money.ToDollars(policy.RefundableCents(order)),
        };

        // This proposal already reached the provider: send it again as it was, so the provider replays it (or, if a
        // crash stopped it before the provider, completes it). The policy was applied when it was first sent.
        if (await ledger.FindAsync(key, ct) is { Status: not MoneyStatuses.Rejected } earlier)
        {
            if (requestedCents is { } cents && cents != earlier.AmountCents)
            {
                return ToolResult.Refused(
                    $"This refund proposal was for {Money.Format(earlier.AmountCents)}, not {Money.Format(cents)}; a different amount is a new proposal.",
                    new { code = "proposal_reused", orderId = order.OrderId, amount = Money.ToDollars(earlier.AmountCents) }, key);
            }
            return await SendAsync(ledger, earlier with { ThreadId = call.ThreadId, CallId = call.CallId }, reason, state, ct);
        }

        var context = new RefundContext(
            await ledger.PendingRefundCentsAsync(order.OrderId, key, ct),
            await ledger.AutoRefundedTodayCentsAsync(call.CustomerId, key, ct),
            call.ApprovedBy);
        var decision = policy.Decide(order, requestedCents, context);
        switch (decision.Verdict)
        {
            case RefundVerdict.Refused:
                return ToolResult.Refused(decision.Message, state);
            case RefundVerdict.NeedsApproval:
                return ToolResult.NeedsApproval(decision.Message, new
                {
                    tool = Name,
                    orderId = order.OrderId,
                    amount = Money.ToDollars(decision.AmountCents),
                    reason,
                    policy = decision.Policy,
                    cap = Money.ToDollars(policy.CapCents),
                    refundedTotal = order.RefundedTotal,
                    remaining = Money.ToDollars(order.RemainingCents),
                    dailyCeiling = decision.Policy == ApprovalPolicies.DailyCeiling ? Money.ToDollars(policy.DailyCeilingCents) : (decimal?)null,
                    refundedToday = decision.Policy == ApprovalPolicies.DailyCeiling ? Money.ToDollars(context.AutoRefundedTodayCents) : (decimal?)null,
                });
        }

        var action = new MoneyAction(key, MoneyKinds.Refund, order.OrderId, call.CustomerId, decision.AmountCents, call.EffectiveProposalId,
            call.ThreadId, call.CallId, call.ApprovedBy);
        await ledger.StartAsync(action, ct);
        return await SendAsync(ledger, action, reason, state, ct);
    }

    private async Task<ToolResult> SendAsync(MoneyLedger ledger, MoneyAction action, string reason, object state, CancellationToken ct)
    {
        var key = action.IdempotencyKey;
        ProviderResult<BackendRefund> refund;
        try
        {
            refund = await backends.RefundAsync(action.OrderId, Money.ToDollars(action.AmountCents), reason, key, ct);
        }
        catch (BackendUnavailableException ex)
        {
            logger.LogWarning(ex, "Refund {IdempotencyKey} not confirmed: payments unavailable", key);
            await ledger.CompleteAsync(key, MoneyStatuses.Unconfirmed, null);
            return ToolResult.Error(ex.CustomerMessage, new { code = "backend_unavailable", backend = ex.Backend }, key);
        }

        if (refund.Value is { } done)
        {
            await ledger.CompleteAsync(key, MoneyStatuses.Done, done.RefundId);
            var data = new { refundId = done.RefundId, orderId = done.OrderId, amount = done.Amount, remaining = done.Remaining, replayed = refund.Replayed };
            // A replay moved no money: saying "Refunded" again would tell the customer of a second payment.
            return refund.Replayed
                ? ToolResult.Ok($"This refund was already issued earlier (reference {done.RefundId}); no new payment was made.", data, key)
                : ToolResult.Ok(
                    $"Refunded {Money.Format(Money.ToCents(done.Amount))} for order #{done.OrderId} to the original payment method; " +
                    "it usually shows on the statement within 5-10 business days.",
                    data, key);
        }
        await ledger.CompleteAsync(key, MoneyStatuses.Rejected, null);
        return refund.ProblemCode switch
        {
            // The provider's own check is final (a refund made outside this service in the meantime).
            "amount_exceeds_refundable" => ToolResult.Refused(
                $"Order #{action.OrderId} no longer has {Money.Format(action.AmountCents)} left to refund; it was refunded in the meantime.", state, key),
            "order_not_found" => ToolResult.NotFound($"I couldn't find order #{action.OrderId} on your account.", new { orderId = action.OrderId }),
            _ => ToolResult.Error("The payments provider didn't accept the refund, so no money was moved. A member of our team can look into it.",
                new { code = refund.ProblemCode ?? "provider_rejected", status = refund.StatusCode }, key),
        };
    }
}
