using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Tools;

/// <summary>Retries, replays and duplicates never repeat a side effect (ARCHITECTURE.md §2, §4).</summary>
[Collection(WholeAppCollection.Name)]
public sealed class ToolIdempotencyTests(WholeAppFixture fixture)
{
    private readonly ToolsClient _tools = new(fixture.App.CreateHttpClient("toolsservice"));
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Concurrent_duplicate_refunds_refund_once()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);
        var thread = ToolsClient.NewId("thread");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            _tools.CallAsync(order.CustomerId, "issue_refund", new { order_id = order.OrderId, reason = "duplicate click" }, thread, $"call_{i}")));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        // Calls that read the order before the refund landed are replayed by the provider; later ones see it refunded.
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { "ok", "refused" }));
        var refundIds = results.Where(r => r.Outcome == "ok").Select(r => r.Data!["refundId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Single(refundIds);
        var charge = await _backends.ChargeAsync(order.OrderId);
        Assert.Equal(1, BackendsClient.RefundCount(charge));
        Assert.Equal(order.Total, charge["refundedTotal"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Replayed_tool_call_returns_recorded_result()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);
        var (thread, call) = (ToolsClient.NewId("thread"), ToolsClient.NewId("call"));
        var arguments = new { order_id = order.OrderId.ToString(), amount = 1.00m, reason = "scratch on the lid" };

        var first = await _tools.CallAsync(order.CustomerId, "issue_refund", arguments, thread, call);
        var again = await _tools.CallAsync(order.CustomerId, "issue_refund", arguments, thread, call);

        Assert.Equal("ok", first.Outcome);
        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.RawBody, again.RawBody);
        Assert.Equal(1, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));

        var row = await AuditRowAsync(thread, call);
        Assert.Equal("completed", row.Status);
        Assert.Equal("ok", row.Outcome);
        // Without X-Proposal-Id the tool call id stands in for the proposal.
        Assert.Equal($"refund:{order.OrderId}:{call}", row.IdempotencyKey);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(order.CustomerId, row.CustomerId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(first.RawBody), JsonNode.Parse(row.Result!)));
    }

    [Fact]
    public async Task A_call_id_reused_for_other_arguments_is_a_conflict()
    {
        var (thread, call) = (ToolsClient.NewId("thread"), ToolsClient.NewId("call"));

        var first = await _tools.CallAsync("cust_001", "get_order", new { order_id = "1001" }, thread, call);
        var other = await _tools.CallAsync("cust_001", "get_order", new { order_id = "1002" }, thread, call);
        var otherCustomer = await _tools.CallAsync("cust_002", "get_order", new { order_id = "1001" }, thread, call);

        Assert.Equal("ok", first.Outcome);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("tool_call_id_reused", other.ProblemCode);
        Assert.Equal(HttpStatusCode.Conflict, otherCustomer.Status);
    }

    [Fact]
    public async Task Call_left_pending_by_a_crash_runs_again_without_a_second_refund()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);
        var (thread, call) = (ToolsClient.NewId("thread"), ToolsClient.NewId("call"));
        var cents = (long)(order.Total * 100);
        var key = $"refund:{order.OrderId}:{call}";
        // The crashed attempt: its audit row and its ledger row stayed pending, but the provider had already refunded
        // under its key.
        await ExecuteSupportAsync("""
            INSERT INTO tool_calls (thread_id, call_id, tool, customer_id, arguments)
            VALUES (@thread, @call, 'issue_refund', @customer, @arguments::jsonb)
            """, ("thread", thread), ("call", call), ("customer", order.CustomerId),
            ("arguments", $$"""{"order_id":"{{order.OrderId}}","reason":"crash"}"""));
        await ExecuteSupportAsync("""
            INSERT INTO money_actions (idempotency_key, kind, order_id, customer_id, amount_cents, proposal_id, thread_id, call_id)
            VALUES (@key, 'refund', @order, @customer, @cents, @call, @thread, @call)
            """, ("key", key), ("order", order.OrderId), ("customer", order.CustomerId), ("cents", cents), ("call", call), ("thread", thread));
        using (var provider = new HttpRequestMessage(HttpMethod.Post, "/payments/refunds")
        {
            Content = JsonContent.Create(new { orderId = order.OrderId, amount = order.Total, reason = "crash" }),
        })
        {
            provider.Headers.Add("Idempotency-Key", key);
            (await _backends.Http.SendAsync(provider)).EnsureSuccessStatusCode();
        }

        var retried = await _tools.SendAsync("issue_refund", $$"""{"order_id":"{{order.OrderId}}","reason":"crash"}""",
            ToolsTokens.For(order.CustomerId), thread, call);

        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.False(retried.Replayed);
        // The ledger knew the proposal had gone to the provider: the retry replays it and says so, instead of reading the
        // order as already refunded and telling the customer it cannot refund.
        Assert.Equal("ok", retried.Outcome);
        Assert.True(retried.Data!["replayed"]!.GetValue<bool>());
        Assert.Contains("already issued earlier", retried.Message);
        Assert.Equal(1, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        var row = await AuditRowAsync(thread, call);
        Assert.Equal("completed", row.Status);
        Assert.Equal(2, row.Attempts);
    }

    private sealed record AuditRow(string Status, string? Outcome, string? IdempotencyKey, int Attempts, string CustomerId, string? Result);

    private async Task<AuditRow> AuditRowAsync(string thread, string call)
    {
        await using var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("support"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT status, outcome, idempotency_key, attempts, customer_id, result::text
            FROM tool_calls WHERE thread_id = @thread AND call_id = @call
            """, connection);
        command.Parameters.AddWithValue("thread", thread);
        command.Parameters.AddWithValue("call", call);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "The call has no audit row.");
        return new AuditRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetInt32(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
    }

    private async Task ExecuteSupportAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("support"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync();
    }
}
