using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Tools;

[Collection(WholeAppCollection.Name)]
public sealed class ReshipAndTrackingTests(WholeAppFixture fixture)
{
    private readonly ToolsClient _tools = new(fixture.App.CreateHttpClient("toolsservice"));
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Reship_only_for_lost_or_damaged_and_once()
    {
        var lost = await _backends.ClaimOrderAsync("lost");

        // Showcase orders: refusals change nothing.
        var notLost = await _tools.CallAsync("cust_001", "reship", new { order_id = "1001", reason = "never arrived" });
        var stillMoving = await _tools.CallAsync("cust_001", "reship", new { order_id = "1002", reason = "slow" });
        var notShipped = await _tools.CallAsync("cust_001", "reship", new { order_id = "1006", reason = "where is it" });
        var sent = await _tools.CallAsync(lost.CustomerId, "reship", new { order_id = lost.OrderId, reason = "never arrived" });
        var again = await _tools.CallAsync(lost.CustomerId, "reship", new { order_id = lost.OrderId, reason = "still nothing" });

        Assert.Equal("refused", notLost.Outcome);
        Assert.Equal("refused", stillMoving.Outcome);
        Assert.Equal("refused", notShipped.Outcome);
        Assert.Equal("ok", sent.Outcome);
        Assert.StartsWith($"reship:{lost.OrderId}:", sent.IdempotencyKey);
        var tracking = sent.Data!["trackingNumber"]!.GetValue<string>();
        // A second replacement is a person's decision (docs/CONTRACTS.md): needs_approval, nothing sent.
        Assert.Equal("needs_approval", again.Outcome);
        Assert.Equal("second_reship", again.Data!["policy"]!.GetValue<string>());
        Assert.Equal("reship", again.Data["tool"]!.GetValue<string>());
        Assert.Contains(tracking, again.Message);
        var shipment = await _backends.ShipmentAsync(lost.OrderId);
        Assert.Equal(sent.Data["reshipId"]!.GetValue<string>(), shipment["replacement"]!["reshipId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_reships_send_one_replacement()
    {
        var damaged = await _backends.ClaimOrderAsync("damaged");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            _tools.CallAsync(damaged.CustomerId, "reship", new { order_id = damaged.OrderId, reason = "arrived broken" })));

        // Serialized per order: one is sent, the others find the replacement and ask for a person.
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { "ok", "needs_approval" }));
        Assert.Single(results.Where(r => r.Outcome == "ok").Select(r => r.Data!["reshipId"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task Tracking_shows_carrier_scans_and_unshipped_orders_say_so()
    {
        var moving = await _tools.CallAsync("cust_001", "get_tracking", new { order_id = "1002" });
        var pending = await _tools.CallAsync("cust_001", "get_tracking", new { order_id = "1006" });

        Assert.Equal("ok", moving.Outcome);
        Assert.Equal("in_transit", moving.Data!["status"]!.GetValue<string>());
        Assert.Equal("NorthPost", moving.Data["carrier"]!.GetValue<string>());
        Assert.NotNull(moving.Data["estimatedDelivery"]);
        Assert.True(moving.Data["events"]!.AsArray().Count >= 2);
        Assert.Equal("ok", pending.Outcome);
        Assert.Equal("not_shipped", pending.Data!["status"]!.GetValue<string>());
        Assert.Empty(pending.Data["events"]!.AsArray());
    }

    [Fact]
    public async Task List_orders_shows_only_the_callers_orders_newest_first()
    {
        var result = await _tools.CallAsync("cust_002", "list_orders", null);

        Assert.Equal("ok", result.Outcome);
        var ids = result.Data!["orders"]!.AsArray().Select(o => o!["orderId"]!.GetValue<long>()).ToList();
        Assert.Equal(new long[] { 1011, 1012, 1013, 1014, 1015 }, ids.Order());
        var dates = result.Data["orders"]!.AsArray().Select(o => o!["placedAt"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
    }
}
