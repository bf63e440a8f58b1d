using System.Globalization;
using System.Text.Json;
using SupportAgent.Api.Tools;

namespace SupportAgent.Tests.Agents;

/// <summary>
/// The ToolsService's rules in miniature, answering with the real envelope: enough to drive the offline policies.
/// </summary>
public sealed class FakeTools
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, FakeOrder> _orders = [];
    private readonly Queue<string> _failures = new();

    public decimal RefundCap { get; set; } = 500m;

    public List<(string Tool, IDictionary<string, object?> Arguments)> Invocations { get; } = [];

    public FakeTools With(FakeOrder order)
    {
        _orders[order.OrderId] = order;
        return this;
    }

    /// <summary>The next call of <paramref name="tool"/> answers with outcome error.</summary>
    public FakeTools FailNext(string tool)
    {
        _failures.Enqueue(tool);
        return this;
    }

    public static FakeTools Seeded() => new FakeTools()
        .With(new FakeOrder("1001", "delivered", 129.99m) { Items = [("Wireless Headphones", 1, 129.99m)] })
        .With(new FakeOrder("1002", "in_transit", 45.00m) { Carrier = "UPS", TrackingNumber = "1Z1002" })
        .With(new FakeOrder("1003", "delivered", 750.00m) { Items = [("Espresso Machine", 1, 750.00m)] })
        .With(new FakeOrder("1004", "lost", 60.00m) { Carrier = "FedEx", TrackingNumber = "FX1004" })
        .With(new FakeOrder("1005", "pending", 19.99m))
        .With(new FakeOrder("1006", "refunded", 80.00m) { RefundedTotal = 80.00m })
        .With(new FakeOrder("1007", "partially_refunded", 100.00m) { RefundedTotal = 40.00m });

    public ToolResult Invoke(string tool, IDictionary<string, object?> arguments)
    {
        Invocations.Add((tool, arguments));
        if (_failures.TryPeek(out var failing) && failing == tool)
        {
            _failures.Dequeue();
            return new ToolResult(ToolOutcomes.Error, "The service is unavailable.");
        }
        var orderId = Arg(arguments, "order_id");
        var order = orderId is null ? null : _orders.GetValueOrDefault(orderId);
        return tool switch
        {
            "list_orders" => Ok("Your recent orders.", new { orders = _orders.Values.Select(o => new { o.OrderId, o.Status, o.Total, o.PlacedAt }) }),
            "escalate_to_human" => new ToolResult(ToolOutcomes.Escalated, "A colleague will take over."),
            "search_docs" => SearchDocs(Arg(arguments, "query") ?? ""),
            _ when order is null => new ToolResult(ToolOutcomes.NotFound, $"No order {orderId} on your account."),
            "get_order" => Ok("Order found.", order.Data),
            "get_tracking" when order.Status == "pending" => Ok("Not shipped yet.", new { order.OrderId, status = "not_shipped", events = Array.Empty<object>() }),
            "get_tracking" => Ok("Tracking found.", new
            {
                order.OrderId, carrier = order.Carrier ?? "UPS", trackingNumber = order.TrackingNumber ?? "1Z" + order.OrderId,
                order.Status, estimatedDelivery = "2025-03-07",
                events = new[] { new { at = "2025-03-03T09:00:00Z", location = "Memphis, TN", description = "Departed facility" } },
                replacement = order.Reshipped
                    ? new { reshipId = "RS-" + order.OrderId, carrier = order.Carrier ?? "UPS", trackingNumber = "NEW" + order.OrderId, createdAt = "2025-03-05T12:00:00Z" }
                    : null,
            }),
            "issue_refund" => Refund(order, Amount(arguments) ?? order.Refundable),
            "reship" => order.Status is "lost" or "damaged" && !order.Reshipped
                ? Reship(order)
                : new ToolResult(ToolOutcomes.Refused, "The carrier has not reported this parcel lost or damaged, or it was replaced already."),
            _ => new ToolResult(ToolOutcomes.Error, "Unknown tool."),
        };
    }

    private static ToolResult Reship(FakeOrder order)
    {
        order.Reshipped = true;
        return Ok("Replacement sent.", new { reshipId = "RS-" + order.OrderId, order.OrderId, trackingNumber = "NEW" + order.OrderId });
    }

    private ToolResult Refund(FakeOrder order, decimal amount)
    {
        if (order.Status is not ("delivered" or "cancelled" or "partially_refunded") || amount > order.Refundable)
            return new ToolResult(ToolOutcomes.Refused, "This order cannot be refunded.");
        if (amount > RefundCap)
            return new ToolResult(ToolOutcomes.NeedsApproval, "Refunds above the limit need a person's approval.");
        order.RefundedTotal += amount;
        return Ok("Refund issued.", new { refundId = "RF-" + order.OrderId, order.OrderId, amount, remaining = order.Refundable },
            $"refund:{order.OrderId}:{(long)(amount * 100)}");
    }

    /// <summary>The help center knows one article, about returns; anything else finds nothing.</summary>
    private static ToolResult SearchDocs(string query) =>
        query.Contains("return", StringComparison.OrdinalIgnoreCase)
            ? Ok("Found passages.", new
            {
                results = new[]
                {
                    new { articleId = "KB-101", title = "Returns policy", passage = "You can return most items within 30 days of delivery for a full refund." },
                    new { articleId = "KB-102", title = "Return shipping labels", passage = "Print a free label from your account." },
                },
            })
            : Ok("Nothing found.", new { results = Array.Empty<object>() });

    private static ToolResult Ok(string message, object data, string? key = null) =>
        new(ToolOutcomes.Ok, message, JsonSerializer.SerializeToElement(data, Web), key);

    private static string? Arg(IDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private static decimal? Amount(IDictionary<string, object?> arguments) =>
        decimal.TryParse(Arg(arguments, "amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;
}

/// <summary>A seeded order; its <see cref="Data"/> is the get_order shape.</summary>
public sealed record FakeOrder(string OrderId, string Status, decimal Total)
{
    public decimal RefundedTotal { get; set; }
    public bool Reshipped { get; set; }
    public decimal Refundable => Status == "refunded" ? 0 : Total - RefundedTotal;
    public (string Name, int Quantity, decimal Price)[] Items { get; init; } = [("Item", 1, 0m)];
    public string? Carrier { get; init; }
    public string? TrackingNumber { get; init; }
    public string PlacedAt { get; init; } = "2025-03-01T10:00:00Z";

    public object Data => new
    {
        OrderId, Status, Total, RefundedTotal, Refundable, currency = "USD",
        items = Items.Select(i => new { name = i.Name, quantity = i.Quantity, price = i.Price }),
        PlacedAt, deliveredAt = Status == "delivered" ? "2025-03-04T15:00:00Z" : null,
        Carrier, TrackingNumber,
    };
}
