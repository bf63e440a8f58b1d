using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Telemetry;

/// <summary>ARCHITECTURE.md §7: one trace per turn, a span per node and per tool call, across all three services.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class TurnTraceTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task Refund_turn_is_one_trace_with_a_span_per_node_and_tool_across_services()
    {
        await using var api = await InProcessApi.StartAsync(fixture.App);
        var http = api.CreateClient();
        var token = (await (await http.PostAsJsonAsync("/api/dev/token", new { subject = "cust_003", role = "customer" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var customer = new SupportClient(http, "cust_003", "customer");
        var thread = await customer.NewThreadAsync();
        await customer.SayAsync(thread, "Please refund order 1016, it broke after a day");
        var turn = await customer.SayAsync(thread, "Yes, go ahead");
        Assert.Equal("ok", turn.Outcome("issue_refund"));

        // The exporter sees a span when it ends; the root ends last.
        await WaitUntil(() => Snapshot(api).Count(s => s.DisplayName == "support.turn") >= 2);
        var spans = Snapshot(api);
        var root = spans.Where(s => s.DisplayName == "support.turn").Last();
        var trace = spans.Where(s => s.TraceId == root.TraceId).ToList();

        Assert.Equal(thread, root.GetTagItem("support.thread_id"));
        Assert.Equal("REFUND", root.GetTagItem("support.lane"));
        Assert.Equal("answered", root.GetTagItem("support.outcome"));
        var nodes = trace.Where(s => s.DisplayName.StartsWith("node ")).Select(s => s.DisplayName).ToHashSet();
        Assert.Superset(new HashSet<string> { "node ROUTE", "node REFUND", "node REFUND_TOOLS" }, nodes);
        Assert.All(trace.Where(s => s.DisplayName.StartsWith("node ")), s => Assert.Equal(root.SpanId, s.ParentSpanId));

        var refund = trace.Single(s => s.DisplayName == "tool issue_refund");
        Assert.Equal("ok", refund.GetTagItem("tool.outcome"));
        Assert.StartsWith("refund:1016:", (string)refund.GetTagItem("tool.idempotency_key")!);
        Assert.NotNull(refund.GetTagItem("tool.duration_ms"));
        var toolsNode = trace.Single(s => s.SpanId == refund.ParentSpanId);
        Assert.Equal("node REFUND_TOOLS", toolsNode.DisplayName);
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Experimental.Microsoft.Extensions.AI") || s.DisplayName.StartsWith("chat"));
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.ParentSpanId == refund.SpanId); // the HTTP call to the tools

        // The ToolsService and the payments provider recorded the same trace id.
        await using var support = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync("support"))!);
        await using var audit = support.CreateCommand("SELECT trace_id FROM tool_calls WHERE thread_id = @t AND tool = 'issue_refund'");
        audit.Parameters.AddWithValue("t", thread);
        Assert.Equal(root.TraceId.ToHexString(), (string?)await audit.ExecuteScalarAsync());
        await using var backends = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync("backends"))!);
        await using var payment = backends.CreateCommand("SELECT trace_id FROM refunds WHERE order_id = 1016 ORDER BY created_at DESC LIMIT 1");
        Assert.Equal(root.TraceId.ToHexString(), (string?)await payment.ExecuteScalarAsync());
    }

    private static List<Activity> Snapshot(InProcessApi api)
    {
        lock (api.Spans) return [.. api.Spans];
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition());
    }
}
