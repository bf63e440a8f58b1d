using Microsoft.Playwright;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Pages;

/// <summary>The customer chat page (ARCHITECTURE.md §6) in a real browser against the running app.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class CustomerChatPageTests(WholeAppFixture fixture, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(fixture, chromium, output);
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Customer_asks_for_a_refund_in_the_chat_and_sees_it_done()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);
        var chat = new ChatPage(await _browsing.NewPageAsync());
        await chat.SignInAsync(order.CustomerId);

        await chat.SayAsync($"Hi, I'd like a refund for order {order.OrderId} please");
        await Expect(chat.Replies.Last).ToContainTextAsync("Shall I refund");
        await Expect(chat.Replies.Last.Locator(".activity")).ToContainTextAsync($"Looked up order {order.OrderId}");
        Assert.Empty((await _backends.ChargeAsync(order.OrderId))["refunds"]!.AsArray());

        await chat.SayAsync("yes please");
        await Expect(chat.Replies.Last).ToContainTextAsync($"Done: I've refunded ${order.Total:0.00} for order {order.OrderId}");
        await Expect(chat.Replies.Last.Locator(".activity")).ToContainTextAsync($"Refunded order {order.OrderId}");
        Assert.Equal(1, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));

        await chat.Page.GetByRole(AriaRole.Button, new() { Name = "My problem is solved" }).ClickAsync();
        await Expect(chat.HandoffBanner).ToContainTextAsync("resolved");
        await _browsing.ScreenshotAsync(chat.Page, "chat-refund-rating-desktop");
        await chat.RateAsync(5, "Quick and painless.");
    }

    [Fact]
    public async Task A_reload_shows_the_open_conversation_again()
    {
        var chat = new ChatPage(await _browsing.NewPageAsync());
        await chat.SignInAsync("cust_047");
        await chat.SayAsync("How long does standard shipping take?");
        await Expect(chat.Replies).ToHaveCountAsync(1);

        await chat.Page.ReloadAsync();

        await Expect(chat.Conversation.Locator(".msg--customer")).ToHaveCountAsync(1);
        await Expect(chat.Conversation.Locator(".msg--customer")).ToContainTextAsync("How long does standard shipping take?");
        await Expect(chat.Replies).ToHaveCountAsync(1);
        await Expect(chat.Page.Locator("#thread-list [aria-current=true]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_rate_limited_message_shows_the_problem_and_keeps_the_text()
    {
        var chat = new ChatPage(await _browsing.NewPageAsync());
        await chat.SignInAsync("cust_048");
        // The Api's 429 exactly as the limiter writes it (Limits/LimitProblems.cs); faked so the test needs no race.
        await chat.Page.RouteAsync("**/api/threads/*/messages", route => route.FulfillAsync(new()
        {
            Status = 429,
            ContentType = "application/problem+json",
            Headers = new Dictionary<string, string> { ["Retry-After"] = "7" },
            Body = """{"type":"https://tools.ietf.org/html/rfc6585#section-4","title":"Too many messages","status":429,"detail":"You are sending messages faster than we can answer them. Try again in 7 s.","code":"rate_limited","retryAfterSeconds":7}""",
        }));

        await chat.MessageBox.FillAsync("Where is my order?");
        await chat.MessageBox.PressAsync("Enter");

        var problem = chat.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Too many messages" });
        await Expect(problem).ToContainTextAsync("Try again in 7 s.");
        await Expect(problem).ToContainTextAsync("rate_limited");
        await Expect(chat.MessageBox).ToHaveValueAsync("Where is my order?");
        await Expect(chat.Page.GetByRole(AriaRole.Button, new() { Name = "Wait" })).ToBeDisabledAsync();
        await Expect(chat.Conversation.Locator(".msg")).ToHaveCountAsync(0);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _browsing.DisposeAsync();
}
