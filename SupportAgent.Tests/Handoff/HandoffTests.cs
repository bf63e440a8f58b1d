using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Handoff;

/// <summary>Escalation as a durable interrupt (ARCHITECTURE.md §2, §6) through the running app.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class HandoffTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task Customer_asking_for_a_person_is_escalated()
    {
        var customer = await fixture.CustomerAsync("cust_010");
        var thread = await customer.NewThreadAsync();

        var turn = await customer.SayAsync(thread, "Can I please talk to a real person?");

        Assert.NotNull(turn.Handoff);
        Assert.Equal("customer_asked_for_person", turn.Handoff!.Str("reason"));
        Assert.True(turn.Types.ToList().IndexOf("handoff") < turn.Types.ToList().IndexOf("done"));
        Assert.Contains("person", turn.Reply, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("awaiting_human", (await customer.GetThreadAsync(thread)).GetProperty("status").GetString());
        var queue = await (await fixture.AgentAsync()).Http.GetFromJsonAsync<JsonElement>("/api/handoffs?status=open");
        Assert.Contains(queue.EnumerateArray(), h => h.GetProperty("threadId").GetString() == thread);
    }

    [Fact]
    public async Task Refund_above_cap_is_escalated_not_paid()
    {
        var alice = await fixture.CustomerAsync("cust_001");
        var thread = await alice.NewThreadAsync();
        var ask = await alice.SayAsync(thread, "I want my money back for order 1004");
        Assert.Null(ask.Handoff);
        Assert.DoesNotContain("issue_refund", ask.ToolsCalled);

        var confirm = await alice.SayAsync(thread, "yes please");

        Assert.Equal("needs_approval", confirm.Outcome("issue_refund"));
        Assert.Equal("refund_needs_approval", confirm.Handoff?.Str("reason"));
        var agent = await fixture.AgentAsync();
        var view = await agent.GetThreadAsync(thread);
        Assert.Equal("awaiting_human", view.GetProperty("status").GetString());
        Assert.DoesNotContain(view.GetProperty("toolCalls").EnumerateArray(), c => c.GetProperty("outcome").GetString() == "ok" && c.GetProperty("tool").GetString() == "issue_refund");
    }

    [Fact]
    public async Task Upset_customer_is_escalated_first_in_the_queue()
    {
        var customer = await fixture.CustomerAsync("cust_011");
        var thread = await customer.NewThreadAsync();

        var turn = await customer.SayAsync(thread, "This is RIDICULOUS!!! Third time I'm asking where my money is, absolutely unacceptable");

        Assert.Equal("customer_upset", turn.Handoff?.Str("reason"));
        var handoff = await OpenHandoffAsync(thread);
        Assert.Equal(1, handoff.GetProperty("priority").GetInt32());
    }

    [Fact]
    public async Task Ten_agents_race_to_claim_and_exactly_one_wins()
    {
        var (_, _, handoffId) = await EscalatedThreadAsync("cust_012");
        var agents = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => fixture.AgentAsync(new[] { "agent_ana", "agent_ben", "agent_chloe" }[i % 3])));

        var responses = await Task.WhenAll(agents.Select(a => a.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await Conversations.CustomerApiTests.AssertProblem(lost, HttpStatusCode.Conflict, "handoff_already_claimed");
        }
    }

    [Fact]
    public async Task Agent_reply_reaches_the_customers_live_stream_and_resumes_after_last_event_id()
    {
        var (customer, thread, handoffId) = await EscalatedThreadAsync("cust_013");
        var agent = await fixture.AgentAsync("agent_ben");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var live = await customer.Http.GetAsync($"/api/threads/{thread}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", live.Content.Headers.ContentType?.MediaType);
        var events = ServerSentEvents.ReadAsync(await live.Content.ReadAsStreamAsync(cts.Token), cts.Token).GetAsyncEnumerator(cts.Token);

        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();
        (await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/reply", new { text = "Hi, this is Ben. I'm on it." })).EnsureSuccessStatusCode();

        string? replyEventId = null;
        while (replyEventId is null && await events.MoveNextAsync())
        {
            var e = events.Current;
            if (e.Type == "message" && e.Str("role") == "agent" && e.Str("text").Contains("this is Ben")) replyEventId = e.Id;
        }
        Assert.NotNull(replyEventId);
        await events.DisposeAsync();

        (await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/reply", new { text = "Your refund is approved." })).EnsureSuccessStatusCode();
        using var resumed = new HttpRequestMessage(HttpMethod.Get, $"/api/threads/{thread}/events");
        resumed.Headers.Add("Last-Event-ID", replyEventId);
        using var again = await customer.Http.SendAsync(resumed, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await foreach (var e in ServerSentEvents.ReadAsync(await again.Content.ReadAsStreamAsync(cts.Token), cts.Token))
        {
            Assert.DoesNotContain("this is Ben", e.Str("text"));
            if (e.Type == "message" && e.Str("text").Contains("approved")) break;
        }
    }

    [Fact]
    public async Task Customer_messages_go_to_the_human_while_they_hold_the_thread()
    {
        var (customer, thread, handoffId) = await EscalatedThreadAsync("cust_014");
        var agent = await fixture.AgentAsync("agent_chloe");
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();

        var turn = await customer.SayAsync(thread, "Also, my order 1066 arrived scratched");

        Assert.DoesNotContain("route", turn.Types);
        Assert.Equal("with_human", turn.Events.First(e => e.Type == "status").Str("status"));
        var view = await agent.GetThreadAsync(thread);
        Assert.Equal("customer", view.GetProperty("messages").EnumerateArray().Last().GetProperty("role").GetString());
    }

    [Fact]
    public async Task Return_to_bot_continues_the_same_thread()
    {
        var (customer, thread, handoffId) = await EscalatedThreadAsync("cust_015");
        var agent = await fixture.AgentAsync("agent_ana");
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();

        var back = await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/return-to-bot", new { note = "Explained the delay; customer is fine." });
        Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);

        var view = await customer.WaitForThreadAsync(thread, t => t.GetProperty("status").GetString() == "active");
        Assert.Contains(view.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains("back with the assistant"));
        var turn = await customer.SayAsync(thread, "Thanks! How long do refunds take to arrive?");
        Assert.NotNull(turn.Lane);
        Assert.Null(turn.Handoff);
        Assert.False(string.IsNullOrWhiteSpace(turn.Reply));
    }

    [Fact]
    public async Task Handoff_survives_api_restarts_between_escalation_claim_and_reply()
    {
        var (customer, thread, handoffId) = await EscalatedThreadAsync("cust_016");

        await fixture.RestartApiAsync();
        var agent = await fixture.AgentAsync("agent_ana");
        var queue = await agent.Http.GetFromJsonAsync<JsonElement>("/api/handoffs?status=open");
        Assert.Contains(queue.EnumerateArray(), h => h.GetProperty("id").GetString() == handoffId);
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();

        await fixture.RestartApiAsync();
        agent = await fixture.AgentAsync("agent_ana");
        (await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/reply", new { text = "Sorry for the wait, sorting it now." })).EnsureSuccessStatusCode();
        (await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/return-to-bot", new { note = "done" })).EnsureSuccessStatusCode();

        customer = await fixture.CustomerAsync("cust_016");
        var view = await customer.GetThreadAsync(thread);
        Assert.Equal("active", view.GetProperty("status").GetString());
        var roles = view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Equal(["customer", "assistant", "agent", "assistant"], roles);
    }

    private async Task<(SupportClient Customer, string Thread, string HandoffId)> EscalatedThreadAsync(string customerId)
    {
        var customer = await fixture.CustomerAsync(customerId);
        var thread = await customer.NewThreadAsync();
        var turn = await customer.SayAsync(thread, "I need to speak to a human agent please");
        Assert.NotNull(turn.Handoff);
        return (customer, thread, turn.Handoff!.Str("handoffId"));
    }

    [Fact]
    public async Task Assist_gives_agents_a_three_line_summary_a_draft_and_the_orders_and_refuses_customers()
    {
        var customer = await fixture.CustomerAsync("cust_002");
        var thread = await customer.NewThreadAsync();
        await customer.SayAsync(thread, "I want to talk to a person about order 1011 please");
        var handoff = await OpenHandoffAsync(thread);
        var id = handoff.GetProperty("id").GetString();

        var agent = await fixture.AgentAsync("agent_ben");
        var assist = await agent.Http.GetFromJsonAsync<JsonElement>($"/api/handoffs/{id}/assist");

        var summary = assist.GetProperty("summary").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(3, summary.Count);
        Assert.Contains("order 1011", summary[0]);
        Assert.StartsWith("Hi, this is Ben from the support team.", assist.GetProperty("draft").GetString());
        Assert.Contains("1011", assist.GetProperty("draft").GetString());
        var orders = assist.GetProperty("orders").EnumerateArray().ToList();
        Assert.Contains(orders, o => o.GetProperty("orderId").GetInt64() == 1011);
        Assert.All(orders, o => Assert.True(o.TryGetProperty("refundedTotal", out _) && o.TryGetProperty("reships", out _)));
        // The draft was not sent: the customer has no message from a person.
        var view = await customer.GetThreadAsync(thread);
        Assert.DoesNotContain(view.GetProperty("messages").EnumerateArray(), m => m.GetProperty("role").GetString() == "agent");

        var forbidden = await customer.Http.GetAsync($"/api/handoffs/{id}/assist");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var missing = await agent.Http.GetAsync("/api/handoffs/ho_nope/assist");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<JsonElement> OpenHandoffAsync(string thread)
    {
        var queue = await (await fixture.AgentAsync()).Http.GetFromJsonAsync<JsonElement>("/api/handoffs");
        return queue.EnumerateArray().Single(h => h.GetProperty("threadId").GetString() == thread);
    }
}
