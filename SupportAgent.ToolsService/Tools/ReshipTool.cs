using System.Text.Json;
using SupportAgent.ToolsService.Backends;
using SupportAgent.ToolsService.Policy;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// A replacement shipment, only for a parcel the carrier reports lost or damaged and once per order. The key
/// <c>reship:{orderId}</c> makes retries and concurrent duplicates one replacement at the carrier.
/// </summary>
public sealed class ReshipTool(OrderAccess orders, MockBackendsClient backends, ILogger<ReshipTool> logger) : ITool
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

    public static string IdempotencyKey(long orderId) => $"reship:{orderId}";

    public async Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct)
    {
        var (order, failure) = await orders.FindOwnOrderAsync(call, ct);
        if (order is null)
        {
            return failure!;
        }
        var shipment = await backends.GetShipmentAsync(order.OrderId, ct);
        if (ReshipPolicy.RefusalReason(order, shipment) is { } refusal)
        {
            return ToolResult.Refused(refusal, new
            {
                orderId = order.OrderId,
                carrierStatus = shipment?.Status ?? (order.Status == "cancelled" ? "cancelled" : "not_shipped"),
                replacementTrackingNumber = shipment?.Replacement?.TrackingNumber,
            });
        }

        var key = IdempotencyKey(order.OrderId);
        var reason = call.Arguments.String("reason") ?? $"Parcel {shipment!.Status}";
        ProviderResult<BackendReship> reship;
        try
        {
            reship = await backends.ReshipAsync(order.OrderId, reason, key, ct);
        }
        catch (BackendUnavailableException ex)
        {
            logger.LogWarning(ex, "Reship {IdempotencyKey} not confirmed: carrier unavailable", key);
            return ToolResult.Error(ex.CustomerMessage, new { code = "backend_unavailable", backend = ex.Backend }, key);
        }

        if (reship.Value is { } sent)
        {
            return ToolResult.Ok(
                $"A free replacement for order #{order.OrderId} is on its way with {sent.Carrier}; its tracking number is {sent.TrackingNumber}.",
                new { reshipId = sent.ReshipId, orderId = sent.OrderId, carrier = sent.Carrier, trackingNumber = sent.TrackingNumber, replayed = reship.Replayed },
                key);
        }
        return reship.ProblemCode switch
        {
            // Lost a race with another reship of the same order under a different key, or the carrier changed its mind.
            "already_reshipped" => ToolResult.Refused(
                $"A replacement for order #{order.OrderId} was already sent, and we send only one replacement per order.", new { orderId = order.OrderId }, key),
            "not_reshippable" or "shipment_not_found" => ToolResult.Refused(
                $"The carrier no longer reports order #{order.OrderId} as lost or damaged, so I can't send a replacement.", new { orderId = order.OrderId }, key),
            _ => ToolResult.Error("The carrier didn't accept the replacement, so nothing was sent. A member of our team can look into it.",
                new { code = reship.ProblemCode ?? "provider_rejected", status = reship.StatusCode }, key),
        };
    }
}
