using System.Text.Json;
using SupportAgent.ToolsService.Backends;
using SupportAgent.ToolsService.Policy;

namespace SupportAgent.ToolsService.Tools;

public sealed class ListOrdersTool(MockBackendsClient backends) : ITool
{
    public const int MaxOrders = 20;

    public string Name => "list_orders";

    public string Description =>
        "List the signed-in customer's most recent orders, newest first (at most 20), with order number, status, total, " +
        "order date and item names. Use it when the customer doesn't know or didn't give the order number, then confirm which order they mean.";

    public JsonElement Parameters { get; } = ToolSchema.Parse("""
        { "type": "object", "properties": {}, "additionalProperties": false }
        """);

    public async Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct)
    {
        var orders = await backends.ListOrdersAsync(call.CustomerId, MaxOrders, ct);
        var data = new { orders = orders.Select(o => new { o.OrderId, o.Status, o.Total, o.PlacedAt, o.RefundedTotal, o.Reships, Items = o.Items ?? [] }).ToList() };
        if (orders.Count == 0)
        {
            return ToolResult.Ok("I couldn't find any orders on your account.", data);
        }
        var latest = orders[0];
        return ToolResult.Ok(
            $"You have {orders.Count}{(orders.Count == MaxOrders ? " or more" : "")} order{(orders.Count == 1 ? "" : "s")}; the most recent is " +
            $"#{latest.OrderId} ({OrderWording.Status(latest.Status)}, {Money.Format(Money.ToCents(latest.Total))}, placed {OrderWording.Date(latest.PlacedAt)}).",
            data);
    }
}
