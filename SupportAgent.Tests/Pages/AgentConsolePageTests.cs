using Microsoft.Playwright;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Pages;

/// <summary>A handoff worked end to end in two browsers: the customer's chat and an agent's console.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class AgentConsolePageTests(WholeAppFixture fixture, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(fixture, chromium, output);
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Escalated_customer_sees_the_agents_reply_live_without_reloading()
    {
        const string customerId = "cust_044";
        var order = (await _backends.OrdersAsync()).First(o => o.CustomerId == customerId);
        var chat = new ChatPage(await _browsing.NewPageAsync());
        await chat.SignInAsync(customerId);
        await chat.SayAsync($"What is the status of order {order.OrderId}?");
        await chat.SayAsync("I want to talk to a person");
        await Expect(chat.HandoffBanner).ToContainTextAsync("in the queue for a member of our support team");

        var console = new ConsolePage(await _browsing.NewPageAsync());
        await console.SignInAsync("agent_ben");
        await Expect(console.QueueItem(customerId)).ToContainTextAsync("customer asked for person");
        await Expect(console.QueueItem(customerId)).ToContainTextAsync("waiting");
        await console.ClaimAsync(customerId);
        await Expect(console.Transcript).ToContainTextAsync("I want to talk to a person");
        await Expect(console.ToolCalls).ToContainTextAsync($"order_id: {order.OrderId}");
        await Expect(chat.HandoffBanner).ToContainTextAsync("Ben from our support team is now handling");

        await console.ReplyAsync("Hi, this is Ben from support. I'm looking at your order now.");
        await Expect(chat.Conversation.Locator(".msg--agent")).ToContainTextAsync("Hi, this is Ben from support.");
        await Expect(chat.Conversation.Locator(".msg--agent")).ToContainTextAsync("Ben · Support team");

        await chat.SayAsync("Thank you Ben!");
        await Expect(console.Transcript).ToContainTextAsync("Thank you Ben!");

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(console.Page.Locator("#thread-status")).ToHaveTextAsync("Resolved");
        await Expect(chat.HandoffBanner).ToContainTextAsync("This conversation is resolved");
        await chat.RateAsync(4, "Ben sorted it out.");
        await Expect(chat.Conversation.Locator(".msg--agent")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Agent_returns_the_thread_to_the_bot_and_the_customer_sees_the_bot_again()
    {
        const string customerId = "cust_049";
        var chat = new ChatPage(await _browsing.NewPageAsync());
        await chat.SignInAsync(customerId);
        await chat.SayAsync("Please let me speak to a human");
        await Expect(chat.HandoffBanner).ToContainTextAsync("in the queue");

        var console = new ConsolePage(await _browsing.NewPageAsync());
        await console.SignInAsync("agent_ana");
        await console.ClaimAsync(customerId);
        await console.Page.GetByText("Return to bot").First.ClickAsync();
        await console.Page.GetByLabel("Note for the bot").FillAsync("Customer only wanted to check we are real people.");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Return to bot" }).ClickAsync();

        await Expect(console.Page.Locator("#thread-status")).ToHaveTextAsync("With the assistant");
        await Expect(chat.Replies.Last).ToContainTextAsync("You're back with the assistant");
        await Expect(chat.HandoffBanner).ToBeHiddenAsync();
        await Expect(chat.Replies).ToHaveCountAsync(2);
        await chat.SayAsync("Great, how long do refunds take?");
        await Expect(chat.Replies).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task A_handoff_waiting_more_than_a_day_shows_days_and_hours_in_the_queue()
    {
        const string customerId = "cust_053";
        var customer = await fixture.CustomerAsync(customerId);
        var thread = await customer.NewThreadAsync();
        await customer.SayAsync(thread, "I want to talk to a person please");
        // The handoff was opened 26 h 10 min ago, as if nobody had taken it since yesterday.
        await using (var db = new Npgsql.NpgsqlConnection(await fixture.App.GetConnectionStringAsync("support")))
        {
            await db.OpenAsync();
            await using var age = new Npgsql.NpgsqlCommand(
                "UPDATE handoffs SET created_at = now() - interval '26 hours 10 minutes' WHERE thread_id = @t", db);
            age.Parameters.AddWithValue("t", thread);
            Assert.Equal(1, await age.ExecuteNonQueryAsync());
        }

        var console = new ConsolePage(await _browsing.NewPageAsync());
        await console.SignInAsync("agent_chloe");

        await Expect(console.QueueItem(customerId)).ToContainTextAsync("waiting 1 day 2 h");
    }

    [Fact]
    public async Task Agent_sees_a_summary_and_the_orders_and_sends_an_edited_draft()
    {
        // A customer no other test hands over, so the queue holds one entry of theirs.
        const string customerId = "cust_057";
        var mine = (await _backends.OrdersAsync()).Where(o => o.CustomerId == customerId).OrderBy(o => o.OrderId).ToList();
        var order = mine[0].OrderId;
        var chat = new ChatPage(await _browsing.NewPageAsync());
        await chat.SignInAsync(customerId);
        await chat.SayAsync($"What is in order {order}?");
        await chat.SayAsync($"ok I want to speak to a human about order {order}");
        await Expect(chat.HandoffBanner).ToContainTextAsync("in the queue");

        var console = new ConsolePage(await _browsing.NewPageAsync());
        await console.SignInAsync("agent_ana");
        await console.ClaimAsync(customerId);
        var summary = console.Page.GetByRole(AriaRole.List, new() { Name = "Conversation summary" }).Locator("li");
        await Expect(summary).ToHaveCountAsync(3);
        await Expect(summary.Nth(0)).ToContainTextAsync($"What is in order {order}?");
        await Expect(summary.Nth(2)).ToContainTextAsync("customer asked for person");
        foreach (var o in mine.Take(3)) await Expect(console.Page.Locator("#orders")).ToContainTextAsync($"#{o.OrderId}");

        // The draft fills the reply box only when asked, and is sent only as the agent edited it.
        await Expect(console.ReplyBox).ToHaveValueAsync("");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Use the drafted reply" }).ClickAsync();
        await Expect(console.ReplyBox).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^Hi, this is Ana from the support team.*order #{order}"));
        var draft = await console.ReplyBox.InputValueAsync();
        await console.ReplyBox.FillAsync(draft + " It left our warehouse yesterday.");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

        var agentMessage = chat.Conversation.Locator(".msg--agent");
        await Expect(agentMessage).ToHaveCountAsync(1);
        await Expect(agentMessage).ToContainTextAsync("It left our warehouse yesterday.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _browsing.DisposeAsync();
}
