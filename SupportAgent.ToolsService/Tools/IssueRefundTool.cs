using System.Text.Json;
using SupportAgent.ToolsService.Backends;
using SupportAgent.ToolsService.Policy;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// Refunds through the payments provider after the policy allows it. The idempotency key is derived from the order and
/// the amount, so a retried or concurrent duplicate call refunds once: the provider replays the first refund.
/// </summary>
public sealed class IssueRefundTool(OrderAccess orders, RefundPolicy policy, MockBackendsClient backends, ILogger<IssueRefundTool> logger) : ITool
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

    public static string IdempotencyKey(long orderId, long amountCents) => $"refund:{orderId}:{amountCents}";

    public async Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct)
    {
        var (requested, amountError) = call.Arguments.Amount("amount");
        if (amountError is not null)
        {
            return ToolResult.InvalidArguments(amountError);
        }
        var (order, failure) = await orders.FindOwnOrderAsync(call, ct);
        if (order is null)
        {
            return failure!;
        }

        var decision = policy.Decide(order, requested is { } dollars ? Money.ToCents(dollars) : null);
        var state = new
        {
            orderId = order.OrderId,
            status = order.Status,
            total = order.Total,
            refundedTotal = order.RefundedTotal,
            refundable = Money.ToDollars(policy.RefundableCents(order)),
        };
        switch (decision.Verdict)
        {
            case RefundVerdict.Refused:
                return ToolResult.Refused(decision.Message, state);
            case RefundVerdict.NeedsApproval:
                return ToolResult.NeedsApproval(decision.Message, new
                {
                    orderId = order.OrderId,
                    amount = Money.ToDollars(decision.AmountCents),
                    cap = Money.ToDollars(policy.CapCents),
                    refundedTotal = order.RefundedTotal,
                    remaining = Money.ToDollars(order.RemainingCents),
                });
        }

        var key = IdempotencyKey(order.OrderId, decision.AmountCents);
        var reason = call.Arguments.String("reason") ?? "Customer request";
        ProviderResult<BackendRefund> refund;
        try
        {
            refund = await backends.RefundAsync(order.OrderId, Money.ToDollars(decision.AmountCents), reason, key, ct);
        }
        catch (BackendUnavailableException ex)
        {
            logger.LogWarning(ex, "Refund {IdempotencyKey} not confirmed: payments unavailable", key);
            return ToolResult.Error(ex.CustomerMessage, new { code = "backend_unavailable", backend = ex.Backend }, key);
        }

        if (refund.Value is { } done)
        {
            return ToolResult.Ok(
                $"Refunded {Money.Format(Money.ToCents(done.Amount))} for order #{order.OrderId} to the original payment method; " +
                "it usually shows on the statement within 5-10 business days.",
                new { refundId = done.RefundId, orderId = done.OrderId, amount = done.Amount, remaining = done.Remaining, replayed = refund.Replayed },
                key);
        }
        return refund.ProblemCode switch
        {
            // Another refund landed between our read and the provider's: the provider's own check is final.
            "amount_exceeds_refundable" => ToolResult.Refused(
                $"Order #{order.OrderId} no longer has {Money.Format(decision.AmountCents)} left to refund; it was refunded in the meantime.", state, key),
            "order_not_found" => ToolResult.NotFound($"I couldn't find order #{order.OrderId} on your account.", new { orderId = order.OrderId }),
            _ => ToolResult.Error("The payments provider didn't accept the refund, so no money was moved. A member of our team can look into it.",
                new { code = refund.ProblemCode ?? "provider_rejected", status = refund.StatusCode }, key),
        };
    }
}
