using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Tools;

[Collection(WholeAppCollection.Name)]
public sealed class DocsAndFaultToolTests(WholeAppFixture fixture)
{
    private readonly ToolsClient _tools = new(fixture.App.CreateHttpClient("toolsservice"));
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Docs_search_finds_returns_policy()
    {
        var result = await _tools.CallAsync("cust_001", "search_docs", new { query = "Can I return something I bought three weeks ago?" });

        Assert.Equal("ok", result.Outcome);
        var results = result.Data!["results"]!.AsArray();
        Assert.InRange(results.Count, 1, 3);
        var returns = results.Single(r => r!["articleId"]!.GetValue<string>() == "returns-policy")!;
        Assert.Contains("30 days", returns["passage"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(returns["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Docs_search_with_nothing_to_find_is_not_found()
    {
        var result = await _tools.CallAsync("cust_001", "search_docs", new { query = "the of and" });

        Assert.Equal("not_found", result.Outcome);
        Assert.Empty(result.Data!["results"]!.AsArray());
    }

    [Fact]
    public async Task Fault_injection_errors_become_error_outcome()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);
        try
        {
            await _backends.SetFaultAsync("orders", new { errorRate = 1.0 });
            var lookup = await _tools.CallAsync(order.CustomerId, "get_order", new { order_id = order.OrderId });
            await _backends.ResetFaultsAsync();

            await _backends.SetFaultAsync("payments", new { errorRate = 1.0 });
            var refund = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, reason = "faulty" });
            await _backends.ResetFaultsAsync();

            Assert.Equal(System.Net.HttpStatusCode.OK, lookup.Status);
            Assert.Equal("error", lookup.Outcome);
            Assert.Equal("backend_unavailable", lookup.Data!["code"]!.GetValue<string>());
            Assert.Equal("error", refund.Outcome);
            Assert.Equal("payments", refund.Data!["backend"]!.GetValue<string>());
            Assert.StartsWith($"refund:{order.OrderId}:call_", refund.IdempotencyKey);
            Assert.Equal(0, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));

            // Once the provider is back, the same refund goes through, exactly once.
            var retried = await _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, reason = "faulty" });
            Assert.Equal("ok", retried.Outcome);
            Assert.Equal(1, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        }
        finally
        {
            await _backends.ResetFaultsAsync();
        }
    }

    [Fact]
    public async Task Fault_timeouts_become_error_outcome_after_retries()
    {
        try
        {
            await _backends.SetFaultAsync("docs", new { timeoutRate = 1.0 });

            var result = await _tools.CallAsync("cust_001", "search_docs", new { query = "refund" });

            Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
            Assert.Equal("error", result.Outcome);
            Assert.Equal("docs", result.Data!["backend"]!.GetValue<string>());
        }
        finally
        {
            await _backends.ResetFaultsAsync();
        }
    }
}
