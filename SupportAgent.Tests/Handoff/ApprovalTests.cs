using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Conversations;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Handoff;

/// <summary>
/// A person's decision at the HUMAN port (issue 19) through the running app: a refund above the cap is handed over
/// with its proposal, approved (or denied) in the handoff API, executed once by the graph with the agent's identity in
/// the audit, and the customer sees the outcome on their live stream. Every way out leaves no pending request.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class ApprovalTests(WholeAppFixture fixture)
{
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Approved_refund_is_paid_once_with_the_agent_in_the_audit_and_the_customer_sees_it_live()
    {
        var order = await _backends.ClaimApprovalSliceAsync();
        const decimal asked = BackendsClient.ApprovalSlice;
        var before = await _backends.ChargeAsync(order.OrderId);
        var (customer, thread, handoffId) = await OverCapRefundAsync(order);
        var agent = await fixture.AgentAsync("agent_ana");

        var queued = (await agent.Http.GetFromJsonAsync<JsonElement>("/api/handoffs")).EnumerateArray().Single(h => h.GetProperty("id").GetString() == handoffId);
        var proposal = queued.GetProperty("proposal");
        Assert.Equal("issue_refund", proposal.GetProperty("tool").GetString());
        Assert.Equal(order.OrderId.ToString(), proposal.GetProperty("orderId").GetString());
        Assert.Equal(asked, proposal.GetProperty("amount").GetDecimal());
        Assert.Equal("above_cap", proposal.GetProperty("reason").GetString());
        var proposalId = proposal.GetProperty("proposalId").GetString();
        Assert.StartsWith("prop_", proposalId);
        var onThread = (await agent.GetThreadAsync(thread)).GetProperty("handoff").GetProperty("proposal");
        Assert.Equal(proposalId, onThread.GetProperty("proposalId").GetString());
        Assert.Equal(1, await PendingHumanRequestsAsync(thread));

        // Only the agent holding the handoff decides, and never a customer.
        var asCustomer = await customer.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, asCustomer.StatusCode);
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null),
            HttpStatusCode.Conflict, "handoff_not_yours");
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();
        var other = await fixture.AgentAsync("agent_ben");
        await CustomerApiTests.AssertProblem(await other.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null),
            HttpStatusCode.Conflict, "handoff_not_yours");
        Assert.Equal(BackendsClient.RefundCount(before), BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));

        await using var live = await LiveEvents.OpenAsync(customer, thread);
        var approve = await agent.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null);
        Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);

        var told = await live.WaitForAsync(e => e.Type == "message" && e.Str("role") == "assistant" && e.Str("text").Contains("refunded", StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"{asked:#,##0.00}", told.Str("text"));
        var charge = await _backends.ChargeAsync(order.OrderId);
        Assert.Equal(BackendsClient.RefundCount(before) + 1, BackendsClient.RefundCount(charge));
        Assert.Equal(before["refundedTotal"]!.GetValue<decimal>() + asked, charge["refundedTotal"]!.GetValue<decimal>());
        var paid = Assert.Single(await AuditAsync(thread, "issue_refund"), c => c.Outcome == "ok");
        Assert.Equal("agent_ana", paid.ApprovedBy);
        Assert.Equal(proposalId, paid.ProposalId);

        // A second decision on the same handoff is refused and moves nothing.
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null),
            HttpStatusCode.Conflict, "handoff_closed");
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/deny", new { reason = "changed my mind" }),
            HttpStatusCode.Conflict, "handoff_closed");
        Assert.Equal(BackendsClient.RefundCount(before) + 1, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        Assert.Equal(0, await PendingHumanRequestsAsync(thread));
        var view = await customer.GetThreadAsync(thread);
        Assert.Equal("active", view.GetProperty("status").GetString());
        var closed = (await agent.Http.GetFromJsonAsync<JsonElement>("/api/handoffs?status=approved")).EnumerateArray();
        Assert.Contains(closed, h => h.GetProperty("id").GetString() == handoffId);
    }

    [Fact]
    public async Task Denied_refund_tells_the_customer_the_reason_and_moves_no_money()
    {
        // A denial moves nothing, so the showcase order above the cap (docs/SEED.md) stays as documented.
        var order = new SeededOrder("cust_001", 1004, "delivered", 749.00m);
        var refunds = BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId));
        var (customer, thread, handoffId) = await OverCapRefundAsync(order, wholeOrder: true);
        var agent = await fixture.AgentAsync("agent_ben");
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();

        await CustomerApiTests.AssertProblem(await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/deny", new { reason = "  " }),
            HttpStatusCode.BadRequest, "validation_failed");
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsync($"/api/handoffs/{handoffId}/deny", null),
            HttpStatusCode.BadRequest, "validation_failed");
        var asCustomer = await customer.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/deny", new { reason = "no" });
        Assert.Equal(HttpStatusCode.Forbidden, asCustomer.StatusCode);

        await using var live = await LiveEvents.OpenAsync(customer, thread);
        var deny = await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/deny", new { reason = "The item has to come back to our warehouse first" });
        Assert.Equal(HttpStatusCode.NoContent, deny.StatusCode);

        var told = await live.WaitForAsync(e => e.Type == "message" && e.Str("role") == "assistant" && e.Str("text").Contains("couldn't approve"));
        Assert.Contains("The reason: The item has to come back to our warehouse first.", told.Str("text"));
        Assert.Contains("nothing has been changed", told.Str("text"));
        Assert.Equal(refunds, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        Assert.DoesNotContain(await AuditAsync(thread, "issue_refund"), c => c.Outcome == "ok");
        Assert.Equal(0, await PendingHumanRequestsAsync(thread));
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null),
            HttpStatusCode.Conflict, "handoff_closed");

        // The thread is the bot's again, and the denied proposal is not executed by a later yes.
        var next = await customer.SayAsync(thread, "ok, yes please");
        Assert.NotEqual("ok", next.Outcome("issue_refund"));
        Assert.Equal(refunds, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
    }

    [Fact]
    public async Task Approval_with_a_changed_amount_pays_that_amount_once_and_amounts_the_order_does_not_allow_are_refused()
    {
        var order = await _backends.ClaimApprovalSliceAsync();
        const decimal asked = BackendsClient.ApprovalSlice;
        var before = await _backends.ChargeAsync(order.OrderId);
        var (customer, thread, handoffId) = await OverCapRefundAsync(order);
        var agent = await fixture.AgentAsync("agent_chloe");
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();

        // More than the order has left (other tests may share it, each refunding its own part) is refused.
        var tooMuch = before["remaining"]!.GetValue<decimal>() + 0.01m;
        foreach (var bad in new[] { 0m, -5m, 12.345m, tooMuch })
        {
            await CustomerApiTests.AssertProblem(await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/approve", new { amount = bad }),
                HttpStatusCode.BadRequest, "validation_failed");
        }
        Assert.Equal(1, await PendingHumanRequestsAsync(thread));

        var smaller = asked - 40.25m;
        var approve = await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/approve", new { amount = smaller });
        Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);

        var charge = await _backends.ChargeAsync(order.OrderId);
        Assert.Equal(BackendsClient.RefundCount(before) + 1, BackendsClient.RefundCount(charge));
        Assert.Equal(before["refundedTotal"]!.GetValue<decimal>() + smaller, charge["refundedTotal"]!.GetValue<decimal>());
        var paid = Assert.Single(await AuditAsync(thread, "issue_refund"), c => c.Outcome == "ok");
        Assert.Equal("agent_chloe", paid.ApprovedBy);
        var view = await customer.GetThreadAsync(thread);
        Assert.Contains(view.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains($"{smaller:#,##0.00}"));
        Assert.Equal(0, await PendingHumanRequestsAsync(thread));
    }

    [Fact]
    public async Task A_handoff_without_a_proposal_cannot_be_approved_and_resolving_it_answers_the_workflow()
    {
        var customer = await fixture.CustomerAsync("cust_017");
        var thread = await customer.NewThreadAsync();
        var turn = await customer.SayAsync(thread, "I need to speak to a human agent please");
        var handoffId = turn.Handoff!.Str("handoffId");
        var agent = await fixture.AgentAsync("agent_ana");
        var queued = (await agent.Http.GetFromJsonAsync<JsonElement>("/api/handoffs")).EnumerateArray().Single(h => h.GetProperty("id").GetString() == handoffId);
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("proposal").ValueKind);
        Assert.Equal(1, await PendingHumanRequestsAsync(thread));
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();

        await CustomerApiTests.AssertProblem(await agent.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null),
            HttpStatusCode.Conflict, "handoff_has_no_proposal");
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/deny", new { reason = "no" }),
            HttpStatusCode.Conflict, "handoff_has_no_proposal");
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsync("/api/handoffs/ho_missing/approve", null),
            HttpStatusCode.NotFound, "handoff_not_found");

        var resolve = await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/resolve", new { note = "Sorted on the phone." });
        Assert.Equal(HttpStatusCode.NoContent, resolve.StatusCode);

        Assert.Equal(0, await PendingHumanRequestsAsync(thread));
        var view = await customer.GetThreadAsync(thread);
        Assert.Equal("resolved", view.GetProperty("status").GetString());
        // Resolving says nothing to the customer: no empty message from the bot.
        Assert.Equal(["customer", "assistant"], view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList());
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsync($"/api/handoffs/{handoffId}/resolve", null),
            HttpStatusCode.Conflict, "handoff_closed");
    }

    [Fact]
    public async Task Return_to_bot_answers_the_workflow_so_no_request_is_left_pending()
    {
        var customer = await fixture.CustomerAsync("cust_018");
        var thread = await customer.NewThreadAsync();
        var handoffId = (await customer.SayAsync(thread, "Can I talk to a real person?")).Handoff!.Str("handoffId");
        Assert.Equal(1, await PendingHumanRequestsAsync(thread));
        var agent = await fixture.AgentAsync("agent_ben");
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();

        var back = await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/return-to-bot", new { note = "All good." });

        Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
        Assert.Equal(0, await PendingHumanRequestsAsync(thread));
    }

    [Fact]
    public async Task Approval_after_an_api_restart_still_pays_once()
    {
        var order = await _backends.ClaimApprovalSliceAsync();
        var refunds = BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId));
        var (_, thread, handoffId) = await OverCapRefundAsync(order);

        await fixture.RestartApiAsync();
        var agent = await fixture.AgentAsync("agent_ana");
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();
        await fixture.RestartApiAsync();
        agent = await fixture.AgentAsync("agent_ana");
        var customer = await fixture.CustomerAsync(order.CustomerId);
        await using var live = await LiveEvents.OpenAsync(customer, thread);

        var approve = await agent.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null);

        Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        await live.WaitForAsync(e => e.Type == "message" && e.Str("role") == "assistant" && e.Str("text").Contains("refunded", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(refunds + 1, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        Assert.Equal("agent_ana", Assert.Single(await AuditAsync(thread, "issue_refund"), c => c.Outcome == "ok").ApprovedBy);
        await CustomerApiTests.AssertProblem(await agent.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null),
            HttpStatusCode.Conflict, "handoff_closed");
        Assert.Equal(0, await PendingHumanRequestsAsync(thread));
    }

    /// <summary>
    /// Asks for a refund above the cap (<see cref="BackendsClient.ApprovalSlice"/> of a shared order, or a whole showcase
    /// order), says yes, and returns the handoff the cap opened.
    /// </summary>
    private async Task<(SupportClient Customer, string Thread, string HandoffId)> OverCapRefundAsync(SeededOrder order, bool wholeOrder = false)
    {
        var customer = await fixture.CustomerAsync(order.CustomerId);
        var thread = await customer.NewThreadAsync();
        var ask = await customer.SayAsync(thread, RefundAsk(order, wholeOrder));
        Assert.True(ask.Reply.Contains("Shall I refund", StringComparison.Ordinal), ask.Reply);
        var yes = await customer.SayAsync(thread, "Yes please, go ahead with the refund.");
        Assert.Equal("needs_approval", yes.Outcome("issue_refund"));
        Assert.Equal("refund_needs_approval", yes.Handoff?.Str("reason"));
        return (customer, thread, yes.Handoff!.Str("handoffId"));
    }

    /// <summary>What the customer writes to ask for the refund the test needs.</summary>
    public static string RefundAsk(SeededOrder order, bool wholeOrder) => wholeOrder
        ? $"Hi, I'd like a refund for order {order.OrderId} please."
        : $"Could you put ${BackendsClient.ApprovalSlice:0} back on my card for order {order.OrderId}?";

    /// <summary>
    /// Requests the workflow has sent and nobody answered, read from the checkpoint the thread resumes from (the
    /// framework's <c>outstandingRequests</c>): 1 while a handoff waits, 0 once a person answered the HUMAN port.
    /// </summary>
    private async Task<int> PendingHumanRequestsAsync(string thread)
    {
        await using var db = new Npgsql.NpgsqlConnection(await fixture.App.GetConnectionStringAsync("support"));
        await db.OpenAsync();
        await using var read = new Npgsql.NpgsqlCommand(
            """
            SELECT c.data::text FROM threads t
            JOIN workflow_checkpoints c ON c.session_id = t.id AND c.checkpoint_id = t.checkpoint_id
            WHERE t.id = @t
            """, db);
        read.Parameters.AddWithValue("t", thread);
        var json = (string?)await read.ExecuteScalarAsync();
        Assert.NotNull(json);
        using var checkpoint = JsonDocument.Parse(json);
        var pending = Find(checkpoint.RootElement, "outstandingRequests").ToList();
        Assert.NotEmpty(pending);
        return pending.Sum(p => p.ValueKind switch
        {
            JsonValueKind.Array => p.EnumerateArray().Count(r => r.GetRawText().Contains("HUMAN")),
            JsonValueKind.Object => p.EnumerateObject().Count(r => r.Value.GetRawText().Contains("HUMAN")),
            _ => 0,
        });
    }

    private static IEnumerable<JsonElement> Find(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) yield return property.Value;
                foreach (var inner in Find(property.Value, name)) yield return inner;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Find(item, name)) yield return inner;
            }
        }
    }

    private sealed record AuditRow(string Outcome, string? ApprovedBy, string? ProposalId);

    /// <summary>The ToolsService's audit rows of one tool on the thread.</summary>
    private async Task<List<AuditRow>> AuditAsync(string thread, string tool)
    {
        await using var db = new Npgsql.NpgsqlConnection(await fixture.App.GetConnectionStringAsync("support"));
        await db.OpenAsync();
        await using var read = new Npgsql.NpgsqlCommand(
            "SELECT coalesce(outcome, ''), approved_by, proposal_id FROM tool_calls WHERE thread_id = @t AND tool = @tool ORDER BY started_at", db);
        read.Parameters.AddWithValue("t", thread);
        read.Parameters.AddWithValue("tool", tool);
        var rows = new List<AuditRow>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }
        return rows;
    }
}

/// <summary>A customer's open event stream (<c>GET /api/threads/{id}/events</c>), read as events arrive.</summary>
public sealed class LiveEvents : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(120));
    private HttpResponseMessage _response = null!;
    private IAsyncEnumerator<SseEvent> _events = null!;

    public static async Task<LiveEvents> OpenAsync(SupportClient customer, string thread)
    {
        var live = new LiveEvents();
        live._response = await customer.Http.GetAsync($"/api/threads/{thread}/events", HttpCompletionOption.ResponseHeadersRead, live._cts.Token);
        live._response.EnsureSuccessStatusCode();
        live._events = ServerSentEvents.ReadAsync(await live._response.Content.ReadAsStreamAsync(live._cts.Token), live._cts.Token).GetAsyncEnumerator(live._cts.Token);
        return live;
    }

    /// <summary>The first event (from the thread's start, then live) that matches; fails if the stream ends first.</summary>
    public async Task<SseEvent> WaitForAsync(Func<SseEvent, bool> match)
    {
        var seen = new List<string>();
        while (await _events.MoveNextAsync())
        {
            if (match(_events.Current)) return _events.Current;
            seen.Add($"{_events.Current.Type}: {_events.Current.Data}");
        }
        Assert.Fail($"The stream ended without the expected event. Seen:\n{string.Join("\n", seen)}");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await _events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
        }
        _response.Dispose();
        _cts.Dispose();
    }
}
