using System.Net;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Tools;

/// <summary>Each refund and scoping rule of ARCHITECTURE.md §4, proved through the running ToolsService.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class ToolPolicyTests(WholeAppFixture fixture)
{
    private readonly ToolsClient _tools = new(fixture.App.CreateHttpClient("toolsservice"));
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Get_order_returns_the_documented_shape()
    {
        foreach (object id in new object[] { "1001", "#1001", 1001, "order 1001" })
        {
            var result = await _tools.CallAsync("cust_001", "get_order", new { order_id = id });

            Assert.Equal("ok", result.Outcome);
            var data = result.Data!;
            Assert.Equal(1001, data["orderId"]!.GetValue<long>());
            Assert.Equal(129.99m, data["total"]!.GetValue<decimal>());
            Assert.Equal("USD", data["currency"]!.GetValue<string>());
            Assert.Equal("Merino Wool Throw Blanket", data["items"]![0]!["name"]!.GetValue<string>());
            Assert.NotNull(data["placedAt"]);
            Assert.NotNull(data["refundable"]);
        }
    }

    [Fact]
    public async Task Another_customers_order_is_not_found()
    {
        var before = await _backends.ChargeAsync(1001);

        var theirs = await _tools.CallAsync("cust_002", "get_order", new { order_id = "1001" });
        var missing = await _tools.CallAsync("cust_002", "get_order", new { order_id = "999999" });
        var refund = await _tools.CallAsync("cust_002", "issue_refund", new { order_id = "1001", reason = "not mine" });
        var tracking = await _tools.CallAsync("cust_002", "get_tracking", new { order_id = "1001" });
        var reship = await _tools.CallAsync("cust_002", "reship", new { order_id = "1003", reason = "lost" });

        foreach (var result in new[] { theirs, refund, tracking, reship })
        {
            Assert.Equal("not_found", result.Outcome);
            Assert.DoesNotContain("cust_001", result.RawBody);
            Assert.DoesNotContain("Alice", result.RawBody);
        }
        // Exactly the answer for an order that does not exist, so existence is not revealed.
        Assert.Equal(missing.Message.Replace("999999", "1001"), theirs.Message);
        Assert.Equal(missing.Data!.ToJsonString().Replace("999999", "1001"), theirs.Data!.ToJsonString());
        Assert.Equal(BackendsClient.RefundCount(before), BackendsClient.RefundCount(await _backends.ChargeAsync(1001)));
    }

    [Fact]
    public async Task Refund_above_cap_needs_approval_and_moves_no_money()
    {
        var before = await _backends.ChargeAsync(1004);

        var result = await _tools.CallAsync("cust_001", "issue_refund", new { order_id = "1004", reason = "espresso machine leaks" });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("needs_approval", result.Outcome);
        Assert.Equal(749.00m, result.Data!["amount"]!.GetValue<decimal>());
        Assert.Equal(500m, result.Data["cap"]!.GetValue<decimal>());
        Assert.Equal("above_cap", result.Data["policy"]!.GetValue<string>());
        Assert.Equal("issue_refund", result.Data["tool"]!.GetValue<string>());
        Assert.Equal("espresso machine leaks", result.Data["reason"]!.GetValue<string>());
        Assert.Null(result.IdempotencyKey);
        var after = await _backends.ChargeAsync(1004);
        Assert.Equal(BackendsClient.RefundCount(before), BackendsClient.RefundCount(after));
        Assert.Equal(before["refundedTotal"]!.GetValue<decimal>(), after["refundedTotal"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Refund_cap_counts_what_was_already_refunded()
    {
        // A large order cannot be refunded past the cap in small pieces.
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total > 600m);
        var first = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, amount = 400m, reason = "partial" });
        var second = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, amount = 150m, reason = "more" });

        Assert.Equal("ok", first.Outcome);
        Assert.Equal("needs_approval", second.Outcome);
        Assert.Equal(400m, (await _backends.ChargeAsync(order.OrderId))["refundedTotal"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Refund_amount_above_remaining_is_refused()
    {
        var before = await _backends.ChargeAsync(1008);
        var remaining = before["remaining"]!.GetValue<decimal>();

        var tooMuch = await _tools.CallAsync("cust_001", "issue_refund", new { order_id = "1008", amount = remaining + 50m, reason = "all of it" });
        var zero = await _tools.CallAsync("cust_001", "issue_refund", new { order_id = "1008", amount = 0, reason = "nothing" });

        Assert.Equal("refused", tooMuch.Outcome);
        Assert.Contains($"${remaining:0.00}", tooMuch.Message);
        Assert.Equal("refused", zero.Outcome);
        Assert.Equal(BackendsClient.RefundCount(before), BackendsClient.RefundCount(await _backends.ChargeAsync(1008)));
    }

    [Theory]
    [InlineData("1006", "pending")]
    [InlineData("1002", "in_transit")]
    [InlineData("1010", "shipped")]
    [InlineData("1005", "refunded")]
    [InlineData("1003", "lost")]
    [InlineData("1007", "damaged")]
    public async Task Refund_of_an_ineligible_order_is_refused_with_a_reason(string orderId, string status)
    {
        var result = await _tools.CallAsync("cust_001", "issue_refund", new { order_id = orderId, reason = "test" });

        Assert.Equal("refused", result.Outcome);
        Assert.Equal(status, result.Data!["status"]!.GetValue<string>());
        Assert.Equal(0m, result.Data["refundable"]!.GetValue<decimal>());
        Assert.Contains($"#{orderId}", result.Message);
    }

    [Fact]
    public async Task Refund_within_policy_defaults_to_the_remaining_amount()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);

        var result = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = $"#{order.OrderId}", reason = "does not fit" });

        Assert.Equal("ok", result.Outcome);
        Assert.Equal(order.Total, result.Data!["amount"]!.GetValue<decimal>());
        Assert.Equal(0m, result.Data["remaining"]!.GetValue<decimal>());
        Assert.StartsWith($"refund:{order.OrderId}:call_", result.IdempotencyKey);
        Assert.Equal("refunded", (await _backends.OrderAsync(order.OrderId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelled_before_shipping_order_is_refundable()
    {
        var order = await _backends.ClaimOrderAsync("cancelled", o => o.Total < 500m);

        var result = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, reason = "cancelled" });

        Assert.Equal("ok", result.Outcome);
        Assert.Equal(order.Total, result.Data!["amount"]!.GetValue<decimal>());
    }
}
