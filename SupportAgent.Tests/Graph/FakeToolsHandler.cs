using System.Net;
using System.Text;
using System.Text.Json;

namespace SupportAgent.Tests.Graph;

/// <summary>
/// A stand-in ToolsService for graph tests: the contract's envelopes for a tiny world (order 1001 delivered $129.99,
/// order 1004 above the cap, order 1002 in transit), and a record of every call the tool nodes made. Like the ToolsService, it answers a call
/// id reused in a thread for a different call with 409 <c>tool_call_id_reused</c>.
/// </summary>
public sealed class FakeToolsHandler : HttpMessageHandler
{
    private readonly Dictionary<(string Thread, string CallId), (string Tool, string Body)> _seen = [];

    public List<(string Tool, string CallId, string Node, string Body)> Calls { get; } = [];

    /// <summary>Awaited before a call is answered, with its tool and node: a signal or a delay for a test.</summary>
    public Func<string, string, Task>? OnCall { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var path = request.RequestUri!.AbsolutePath.TrimStart('/');
        if (request.Method == HttpMethod.Get && path == "tools") return Json(Declarations());
        var tool = path["tools/".Length..];
        var body = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(ct);
        var callId = request.Headers.GetValues("X-Tool-Call-Id").Single();
        var thread = request.Headers.GetValues("X-Thread-Id").Single();
        lock (Calls)
        {
            Calls.Add((tool, callId, request.Headers.GetValues("X-Node").Single(), body));
            if (_seen.TryGetValue((thread, callId), out var earlier) && earlier != (tool, body))
            {
                return new HttpResponseMessage(HttpStatusCode.Conflict)
                {
                    Content = new StringContent("""{"code":"tool_call_id_reused"}""", Encoding.UTF8, "application/problem+json"),
                };
            }
            _seen[(thread, callId)] = (tool, body);
        }
        if (OnCall is { } onCall) await onCall(tool, request.Headers.GetValues("X-Node").Single());
        using var args = JsonDocument.Parse(body);
        var order = args.RootElement.TryGetProperty("order_id", out var o) ? o.ToString().TrimStart('#') : "";
        return Json(tool switch
        {
            "get_order" when order is "1001" or "1004" => Envelope("ok", $"Order {order} found.", new
            {
                orderId = order, status = "delivered", total = order == "1001" ? 129.99m : 749.00m, refundedTotal = 0m,
                refundable = order == "1001" ? 129.99m : 749.00m, currency = "USD",
                items = new[] { new { name = "Kettle", quantity = 1, price = 129.99m } }, placedAt = "2026-11-01T10:00:00Z",
                deliveredAt = "2026-11-05T10:00:00Z",
            }),
            "get_order" => Envelope("not_found", $"No order {order} on your account."),
            "get_tracking" when order == "1002" => Envelope("ok", "Tracking for order 1002.", new
            {
                orderId = order, status = "in_transit", carrier = "UPS", trackingNumber = "1Z1002",
                estimatedDelivery = "2026-11-20T18:00:00Z",
                events = new[] { new { at = "2026-11-17T08:00:00Z", description = "Departed facility", location = "Memphis, TN" } },
            }),
            "issue_refund" when order == "1004" => Envelope("needs_approval", "Refunds above $500.00 need a colleague's approval."),
            "issue_refund" => Envelope("ok", "Refunded $129.99 to the original payment method.", new { refundId = "rf_1", orderId = order, amount = 129.99m, remaining = 0m }, "refund:1001:12999"),
            "list_orders" => Envelope("ok", "2 orders.", new { orders = new[] { new { orderId = "1001", status = "delivered", total = 129.99m, placedAt = "2026-11-01" } } }),
            "search_docs" => Envelope("ok", "1 article.", new { results = new[] { new { articleId = "kb-returns", title = "Returns", passage = "You can return items within 30 days." } } }),
            "escalate_to_human" => Envelope("escalated", "A colleague will take over."),
            _ => Envelope("not_found", "Nothing found."),
        });
    }

    private static object Envelope(string outcome, string message, object? data = null, string? key = null) =>
        new { outcome, message, data, idempotencyKey = key };

    private static object[] Declarations() =>
        new[] { "get_order", "list_orders", "issue_refund", "get_tracking", "reship", "search_docs", "escalate_to_human" }
            .Select(name => (object)new
            {
                name,
                description = $"The {name} tool.",
                parameters = JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string"},"amount":{"type":"number"},"reason":{"type":"string"},"query":{"type":"string"}}}""").RootElement,
            }).ToArray();

    private static HttpResponseMessage Json(object body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
    };
}
