using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Pages;

/// <summary>
/// A refund above the cap decided in the agents' console (issue 19) while the customer's chat page is open: approved
/// and paid once, approved for another amount on a phone, or denied with a reason the customer reads.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class ApprovalPageTests(WholeAppFixture fixture, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(fixture, chromium, output);
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task An_over_cap_refund_approved_in_the_console_is_paid_once_and_the_customer_sees_it_live()
    {
        var order = await _backends.ClaimApprovalSliceAsync();
        const decimal asked = BackendsClient.ApprovalSlice;
        var refunds = BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId));
        var (chat, thread) = await AskForOverCapRefundAsync(order);

        var console = new ConsolePage(await _browsing.NewPageAsync());
        await console.SignInAsync("agent_ben");
        await console.ClaimThreadAsync(thread);
        await Expect(console.Decision).ToContainTextAsync($"#{order.OrderId}");
        await Expect(console.Decision).ToContainTextAsync($"${asked:0.00}");
        await Expect(console.Decision).ToContainTextAsync("issue_refund");
        await Expect(console.Decision).ToContainTextAsync("Above the refund limit");
        Assert.Equal(refunds, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));

        await console.Decision.GetByRole(AriaRole.Button, new() { Name = $"Approve ${asked:0.00}" }).ClickAsync();

        // The customer's open page shows the refund without reloading; the console shows the thread back with the bot.
        await Expect(chat.Replies.Last).ToContainTextAsync($"{asked:#,##0.00}");
        await Expect(chat.Replies.Last).ToContainTextAsync("refunded", new() { IgnoreCase = true });
        await Expect(chat.HandoffBanner).ToBeHiddenAsync();
        await Expect(console.Page.Locator("#thread-status")).ToHaveTextAsync("With the assistant");
        await Expect(console.Decision).ToBeHiddenAsync();
        Assert.Equal(refunds + 1, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        Assert.Equal(["agent_ben"], await ApproversAsync(thread));
        // The queue keeps the decided handoff under "Approved".
        await console.Page.GetByLabel("Show").SelectOptionAsync("approved");
        await Expect(console.Page.Locator($".queue-item[data-thread=\"{thread}\"]")).ToContainTextAsync("refund needs approval");
    }

    [Fact]
    public async Task On_a_phone_an_agent_approves_a_smaller_amount_and_an_amount_the_order_does_not_allow_is_refused()
    {
        var order = await _backends.ClaimApprovalSliceAsync();
        const decimal asked = BackendsClient.ApprovalSlice;
        var before = await _backends.ChargeAsync(order.OrderId);
        var (chat, thread) = await AskForOverCapRefundAsync(order);

        var console = new ConsolePage(await _browsing.NewPageAsync(Browsing.Phone));
        await console.SignInAsync("agent_chloe");
        await console.ClaimThreadAsync(thread);
        await Expect(console.Decision).ToContainTextAsync($"#{order.OrderId}");
        var fits = await console.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        Assert.True(fits, $"the console with a decision is wider than {Browsing.Phone.Width} px");
        await _browsing.ScreenshotAsync(console.Page, "console-decision-phone");

        var amount = console.Decision.GetByLabel("Approve another amount ($)");
        await amount.FillAsync($"{before["remaining"]!.GetValue<decimal>() + 1m:0.00}");
        await console.Decision.GetByRole(AriaRole.Button, new() { Name = "Approve this amount" }).ClickAsync();
        await Expect(console.Page.Locator("#thread-problem")).ToContainTextAsync("validation_failed");
        await Expect(console.Page.Locator("#thread-problem")).ToContainTextAsync(order.OrderId.ToString());
        Assert.Equal(BackendsClient.RefundCount(before), BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));

        var smaller = asked - 40.25m;
        await amount.FillAsync($"{smaller:0.00}");
        await console.Decision.GetByRole(AriaRole.Button, new() { Name = "Approve this amount" }).ClickAsync();

        await Expect(chat.Replies.Last).ToContainTextAsync($"{smaller:#,##0.00}");
        await Expect(console.Page.Locator("#thread-status")).ToHaveTextAsync("With the assistant");
        var charge = await _backends.ChargeAsync(order.OrderId);
        Assert.Equal(BackendsClient.RefundCount(before) + 1, BackendsClient.RefundCount(charge));
        Assert.Equal(before["refundedTotal"]!.GetValue<decimal>() + smaller, charge["refundedTotal"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_denial_is_shown_on_the_customers_page_and_moves_no_money()
    {
        // A denial moves nothing, so the showcase order above the cap (docs/SEED.md) stays as documented.
        var order = new SeededOrder("cust_002", 1013, "delivered", 1250.00m);
        var refunds = BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId));
        var (chat, thread) = await AskForOverCapRefundAsync(order, wholeOrder: true);

        var console = new ConsolePage(await _browsing.NewPageAsync());
        await console.SignInAsync("agent_ana");
        await console.ClaimThreadAsync(thread);
        await console.Decision.GetByLabel("Reason for denying (the customer reads it)")
            .FillAsync("The order is past the 30-day return window");
        await console.Decision.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();

        await Expect(chat.Replies.Last).ToContainTextAsync("couldn't approve it");
        await Expect(chat.Replies.Last).ToContainTextAsync("The reason: The order is past the 30-day return window.");
        await Expect(chat.HandoffBanner).ToBeHiddenAsync();
        await Expect(console.Decision).ToBeHiddenAsync();
        Assert.Equal(refunds, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        Assert.Empty(await ApproversAsync(thread));
    }

    /// <summary>The customer asks for a refund above the cap in the chat and says yes; the cap hands it over.</summary>
    private async Task<(ChatPage Chat, string Thread)> AskForOverCapRefundAsync(SeededOrder order, bool wholeOrder = false)
    {
        var chat = new ChatPage(await _browsing.NewPageAsync());
        await chat.SignInAsync(order.CustomerId);
        await chat.SayAsync(Handoff.ApprovalTests.RefundAsk(order, wholeOrder));
        await Expect(chat.Replies.Last).ToContainTextAsync("Shall I refund");
        await chat.SayAsync("Yes please, go ahead with the refund.");
        await Expect(chat.HandoffBanner).ToContainTextAsync("in the queue");
        var thread = await chat.ThreadIdAsync();

        // The queue carries the decision the handoff asks for.
        var agent = await fixture.AgentAsync();
        var queue = await agent.Http.GetFromJsonAsync<JsonElement>("/api/handoffs?status=open");
        var handoff = queue.EnumerateArray().Single(h => h.GetProperty("threadId").GetString() == thread);
        Assert.Equal(order.OrderId.ToString(), handoff.GetProperty("proposal").GetProperty("orderId").GetString());
        return (chat, thread);
    }

    /// <summary>Who approved the thread's refunds that were carried out, from the ToolsService's audit.</summary>
    private async Task<List<string>> ApproversAsync(string thread)
    {
        await using var db = new Npgsql.NpgsqlConnection(await fixture.App.GetConnectionStringAsync("support"));
        await db.OpenAsync();
        await using var read = new Npgsql.NpgsqlCommand(
            "SELECT coalesce(approved_by, '(none)') FROM tool_calls WHERE thread_id = @t AND tool = 'issue_refund' AND outcome = 'ok'", db);
        read.Parameters.AddWithValue("t", thread);
        var approvers = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync()) approvers.Add(reader.GetString(0));
        return approvers;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _browsing.DisposeAsync();
}
