using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportAgent.ToolsService.Backends;
using SupportAgent.ToolsService.Ledger;
using SupportAgent.ToolsService.Policy;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// A replacement shipment, only for a parcel the carrier reports lost or damaged. One per order on the bot's own; a
/// second needs a person (needs_approval, policy <c>second_reship</c>). Runs under the order's money lock; the key
/// <c>reship:{orderId}:{proposalId}</c> makes a retried proposal one replacement at the carrier.
/// </summary>
public sealed class ReshipTool(
    OrderAccess orders, OrderMoneyLock moneyLock, MockBackendsClient backends, IOptions<ToolsOptions> options, ILogger<ReshipTool> logger) : ITool
{
    public string Name => "reship";

    public string Description =>
        "Send a free replacement of one of the signed-in customer's orders whose parcel the carrier reports as lost or " +
        "damaged. Allowed once per order; refused for parcels that were delivered fine, are still on their way or haven't " +
        "shipped. Check get_tracking first, and offer it when the customer reports a lost or damaged parcel. Retrying is " +
        "safe: a repeated call never sends two replacements.";

    public JsonElement Parameters { get; } = ToolSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "order_id": { "type": "string", "description": "The order number, e.g. \"1042\"." },
            "reason": { "type": "string", "description": "What happened to the parcel, in a few words, e.g. \"never arrived\" or \"arrived broken\"." }
          },
          "required": ["order_id", "reason"],
          "additionalProperties": false
        }
        """);

    public static string IdempotencyKey(long orderId, string proposalId) => $"reship:{orderId}:{proposalId}";

    public async Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct)
    {
        if (MoneyCalls.ProposalMissing(call, options.Value) is { } refusal)
        {
            return refusal;
        }
        if (call.Arguments.OrderId() is not (true, { } orderId, _))
        {
            return (await orders.FindOwnOrderAsync(call, ct)).Failure!;
        }
        await using var ledger = await moneyLock.AcquireAsync(orderId, ct);
        return await ReshipLockedAsync(call, ledger, ct);
    }

    private async Task<ToolResult> ReshipLockedAsync(ToolCall call, MoneyLedger ledger, CancellationToken ct)
    {
        var (order, failure) = await orders.FindOwnOrderAsync(call, ct);
        if (order is null)
        {
            return failure!;
        }
        var key = IdempotencyKey(order.OrderId, call.EffectiveProposalId);
        var shipment = await backends.GetShipmentAsync(order.OrderId, ct);
        var reason = call.Arguments.String("reason") ?? $"Parcel {shipment?.Status ?? "not delivered"}";

        // This proposal already reached the carrier: send it again so the carrier replays it (or completes it after a crash).
        if (await ledger.FindAsync(key, ct) is { Status: not MoneyStatuses.Rejected } earlier)
        {
            return await SendAsync(ledger, earlier, reason, ct);
        }
        // A second replacement is a person's decision, not a refusal: the customer may well deserve it (docs/CONTRACTS.md).
        if (shipment?.Replacement is { } replacement && call.ApprovedBy is null)
        {
            return ToolResult.NeedsApproval(
                $"A replacement for order #{order.OrderId} was already sent on {OrderWording.Date(replacement.CreatedAt)} (tracking {replacement.TrackingNumber}); " +
                "a second one needs a member of our team to approve it. Nothing has been sent yet.",
                new
                {
                    tool = Name,
                    orderId = order.OrderId,
                    amount = 0m,
                    reason,
                    policy = ApprovalPolicies.SecondReship,
                    replacementTrackingNumber = replacement.TrackingNumber,
                });
        }
        if (ReshipPolicy.RefusalReason(order, shipment) is { } refusal)
        {
            return ToolResult.Refused(refusal, new
            {
                orderId = order.OrderId,
                carrierStatus = shipment?.Status ?? (order.Status == "cancelled" ? "cancelled" : "not_shipped"),
                replacementTrackingNumber = shipment?.Replacement?.TrackingNumber,
            });
        }

        var action = new MoneyAction(key, MoneyKinds.Reship, order.OrderId, call.CustomerId, 0, call.EffectiveProposalId,
            call.ThreadId, call.CallId, call.ApprovedBy);
        await ledger.StartAsync(action, ct);
        return await SendAsync(ledger, action, reason, ct);
    }

    private async Task<ToolResult> SendAsync(MoneyLedger ledger, MoneyAction action, string reason, CancellationToken ct)
    {
        var key = action.IdempotencyKey;
        ProviderResult<BackendReship> reship;
        try
        {
            reship = await backends.ReshipAsync(action.OrderId, reason, key, ct);
        }
        catch (BackendUnavailableException ex)
        {
            logger.LogWarning(ex, "Reship {IdempotencyKey} not confirmed: carrier unavailable", key);
            await ledger.CompleteAsync(key, MoneyStatuses.Unconfirmed, null);
            return ToolResult.Error(ex.CustomerMessage, new { code = "backend_unavailable", backend = ex.Backend }, key);
        }

        if (reship.Value is { } sent)
        {
            await ledger.CompleteAsync(key, MoneyStatuses.Done, sent.ReshipId);
            var data = new { reshipId = sent.ReshipId, orderId = sent.OrderId, carrier = sent.Carrier, trackingNumber = sent.TrackingNumber, replayed = reship.Replayed };
            return reship.Replayed
                ? ToolResult.Ok($"This replacement was already sent earlier (tracking {sent.TrackingNumber}); nothing new was sent.", data, key)
                : ToolResult.Ok(
                    $"A free replacement for order #{action.OrderId} is on its way with {sent.Carrier}; its tracking number is {sent.TrackingNumber}.", data, key);
        }
        await ledger.CompleteAsync(key, MoneyStatuses.Rejected, null);
        return reship.ProblemCode switch
        {
            // The carrier itself sends one replacement per order, approved or not.
            "already_reshipped" => ToolResult.Refused(
                $"A replacement for order #{action.OrderId} was already sent, and the carrier sends only one replacement per order.", new { orderId = action.OrderId }, key),
            "not_reshippable" or "shipment_not_found" => ToolResult.Refused(
                $"The carrier no longer reports order #{action.OrderId} as lost or damaged, so I can't send a replacement.", new { orderId = action.OrderId }, key),
            _ => ToolResult.Error("The carrier didn't accept the replacement, so nothing was sent. A member of our team can look into it.",
                new { code = reship.ProblemCode ?? "provider_rejected", status = reship.StatusCode }, key),
        };
    }
}
