using Microsoft.Playwright;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Pages;

/// <summary>
/// Screenshots of both pages at desktop and phone widths, kept as test artifacts (the path is printed), and a check
/// that nothing runs wider than a 375 px screen.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class PageScreenshotTests(WholeAppFixture fixture, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(fixture, chromium, output);
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Chat_and_console_render_at_desktop_and_phone_widths()
    {
        const string customerId = "cust_046";
        var order = (await _backends.OrdersAsync()).First(o => o.CustomerId == customerId);
        var chat = new ChatPage(await _browsing.NewPageAsync(Browsing.Phone));
        await chat.Page.GotoAsync("/");
        await Expect(chat.Page.GetByLabel("Customer", new() { Exact = true })).ToContainTextAsync(customerId);
        var signIn = await ShootAsync(chat.Page, "chat-sign-in-phone", Browsing.Phone);
        await chat.SignInAsync(customerId);
        await chat.SayAsync($"Where is my order {order.OrderId}?");
        await chat.SayAsync("Can I speak to a human agent please?");
        await Expect(chat.HandoffBanner).ToBeVisibleAsync();

        var console = new ConsolePage(await _browsing.NewPageAsync());
        await console.SignInAsync("agent_chloe");
        await console.ClaimAsync(customerId);
        await console.ReplyAsync("Hello, Chloe here. Let me check that parcel for you.");
        await Expect(chat.Conversation).ToContainTextAsync("Chloe here");

        var shots = new List<string>
        {
            signIn,
            await ShootAsync(chat.Page, "chat-desktop", Browsing.Desktop),
            await ShootAsync(chat.Page, "chat-phone", Browsing.Phone),
            await ShootAsync(console.Page, "console-thread-desktop", Browsing.Desktop),
            await ShootAsync(console.Page, "console-thread-phone", Browsing.Phone),
        };

        await console.Page.SetViewportSizeAsync(Browsing.Desktop.Width, Browsing.Desktop.Height);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Metrics" }).ClickAsync();
        await Expect(console.Page.Locator(".chart")).ToHaveCountAsync(5);
        await Expect(console.Page.Locator(".kpi").First).ToContainTextAsync("Deflection");
        shots.Add(await ShootAsync(console.Page, "console-metrics-desktop", Browsing.Desktop));
        shots.Add(await ShootAsync(console.Page, "console-metrics-phone", Browsing.Phone));

        Assert.All(shots, path => Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty"));
        output.WriteLine($"Screenshots are in {Browsing.ScreenshotDirectory}");
    }

    private async Task<string> ShootAsync(IPage page, string name, ViewportSize size)
    {
        await page.SetViewportSizeAsync(size.Width, size.Height);
        var fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        Assert.True(fits, $"{name}: the page is wider than {size.Width} px");
        return await _browsing.ScreenshotAsync(page, name);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _browsing.DisposeAsync();
}
