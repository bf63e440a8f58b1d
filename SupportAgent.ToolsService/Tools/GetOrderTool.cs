using System.Text.Json;
using SupportAgent.ToolsService.Backends;
using SupportAgent.ToolsService.Policy;

namespace SupportAgent.ToolsService.Tools;

public sealed class GetOrderTool(OrderAccess orders, RefundPolicy refunds) : ITool
{
    public string Name => "get_order";

    public string Description =>
        "Look up one of the signed-in customer's orders by its order number: status, items, total, amount already refunded, " +
        "how much is still refundable under our policy (refundable; 0 means not eligible for a refund), order, ship and " +
        "delivery dates, carrier and tracking number. Use it before answering anything about a specific order and before " +
        "a refund or replacement. If the customer has no order with that number the outcome is not_found.";

    public JsonElement Parameters { get; } = ToolSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "order_id": { "type": "string", "description": "The order number as the customer gave it, e.g. \"1042\" or \"#1042\"." }
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
        var itemCount = order.Items.Sum(i => i.Quantity);
        var when = order.DeliveredAt is { } delivered ? $", delivered on {OrderWording.Date(delivered)}"
            : order.ShippedAt is { } shipped ? $", shipped on {OrderWording.Date(shipped)}"
            : $", placed on {OrderWording.Date(order.PlacedAt)}";
        var refunded = order.RefundedCents > 0 ? $" ({Money.Format(order.RefundedCents)} refunded so far)" : "";
        return ToolResult.Ok(
            $"Order #{order.OrderId} is {OrderWording.Status(order.Status)}: {itemCount} item{(itemCount == 1 ? "" : "s")}, " +
            $"{Money.Format(order.TotalCents)}{refunded}{when}.",
            OrderData.From(order, refunds.RefundableCents(order)));
    }
}

/// <summary>get_order's <c>data</c> (docs/CONTRACTS.md); absent fields are left out.</summary>
public sealed record OrderData(
    long OrderId,
    string Status,
    decimal Total,
    decimal RefundedTotal,
    decimal Refundable,
    string Currency,
    IReadOnlyList<OrderItemData> Items,
    DateTime PlacedAt,
    DateTime? ShippedAt,
    DateTime? DeliveredAt,
    DateTime? CancelledAt,
    string ShippingMethod,
    string? Carrier,
    string? TrackingNumber)
{
    public static OrderData From(BackendOrder order, long refundableCents) => new(
        order.OrderId, order.Status, order.Total, order.RefundedTotal, Money.ToDollars(refundableCents), order.Currency,
        order.Items.Select(i => new OrderItemData(i.Name, i.Quantity, i.Price)).ToList(),
        order.PlacedAt, order.ShippedAt, order.DeliveredAt, order.CancelledAt, order.ShippingMethod, order.Carrier, order.TrackingNumber);
}

public sealed record OrderItemData(string Name, int Quantity, decimal Price);
