using System.Text.Json;
using SupportAgent.ToolsService.Backends;
using SupportAgent.ToolsService.Policy;

namespace SupportAgent.ToolsService.Tools;

public sealed class GetTrackingTool(OrderAccess orders, MockBackendsClient backends) : ITool
{
    public string Name => "get_tracking";

    public string Description =>
        "Get the carrier's tracking for one of the signed-in customer's orders: carrier, tracking number, the carrier's status " +
        "(shipped, in_transit, delivered, lost, damaged; not_shipped or cancelled when nothing has shipped), estimated delivery " +
        "while it is on its way, every scan with time and place, and the replacement shipment if one was sent. Use it for " +
        "\"where is my order\" questions and before offering a replacement.";

    public JsonElement Parameters { get; } = ToolSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "order_id": { "type": "string", "description": "The order number, e.g. \"1042\"." }
          },
          "required": ["order_id"],
          "additionalProperties": false
        }
        """);

    public async Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct)
    {
        var (order, failure) = await orders.FindOwnOrderAsync(call, ct);
        if (order is null)
        {
            return failure!;
        }
        var shipment = await backends.GetShipmentAsync(order.OrderId, ct);
        if (shipment is null)
        {
            var status = order.Status == "cancelled" ? "cancelled" : "not_shipped";
            return ToolResult.Ok(
                status == "cancelled"
                    ? $"Order #{order.OrderId} was cancelled before it shipped, so there is no tracking."
                    : $"Order #{order.OrderId} hasn't shipped yet; tracking appears as soon as the carrier picks it up.",
                new TrackingData(order.OrderId, null, null, status, null, [], null));
        }

        var moving = shipment.Status is "shipped" or "in_transit";
        var latest = shipment.Events.Count > 0 ? shipment.Events[^1] : null;
        var message = $"Order #{order.OrderId} is {OrderWording.Status(shipment.Status)} with {shipment.Carrier} (tracking {shipment.TrackingNumber})";
        message += latest is null ? "." : $"; latest scan: {latest.Description} in {latest.Location} on {OrderWording.Date(latest.At)}.";
        if (moving && shipment.EstimatedDelivery is { } eta)
        {
            message += $" Estimated delivery: {OrderWording.Date(eta)}.";
        }
        if (shipment.Replacement is { } replacement)
        {
            message += $" A replacement was sent on {OrderWording.Date(replacement.CreatedAt)} (tracking {replacement.TrackingNumber}).";
        }
        return ToolResult.Ok(message, new TrackingData(
            order.OrderId, shipment.Carrier, shipment.TrackingNumber, shipment.Status, moving ? shipment.EstimatedDelivery : null,
            shipment.Events.Select(e => new TrackingEventData(e.At, e.Location, e.Description)).ToList(),
            shipment.Replacement is { } r ? new ReplacementData(r.ReshipId, r.Carrier, r.TrackingNumber, r.CreatedAt) : null));
    }
}

/// <summary>get_tracking's <c>data</c> (docs/CONTRACTS.md); absent fields are left out.</summary>
public sealed record TrackingData(
    long OrderId, string? Carrier, string? TrackingNumber, string Status, DateOnly? EstimatedDelivery,
    IReadOnlyList<TrackingEventData> Events, ReplacementData? Replacement);

public sealed record TrackingEventData(DateTime At, string Location, string Description);

public sealed record ReplacementData(string ReshipId, string Carrier, string TrackingNumber, DateTime CreatedAt);
