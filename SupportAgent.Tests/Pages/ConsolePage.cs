using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Pages;

/// <summary>The agents' console at <c>/console</c>, as an agent uses it.</summary>
public sealed class ConsolePage(IPage page)
{
    public IPage Page => page;
    public ILocator Transcript => page.GetByRole(AriaRole.Log, new() { Name = "Transcript" });
    public ILocator ToolCalls => page.Locator("#audit");
    public ILocator HandoffInfo => page.Locator("#handoff-info");
    public ILocator ReplyBox => page.GetByLabel("Reply to the customer");

    public async Task SignInAsync(string agentId)
    {
        await page.GotoAsync("/console");
        await page.GetByLabel("Agent", new() { Exact = true }).SelectOptionAsync(agentId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queue" })).ToBeVisibleAsync();
    }

    /// <summary>The customer's entry in the queue; the queue refreshes itself, so this waits for it to appear.</summary>
    public ILocator QueueItem(string customerId) => page.Locator(".queue-item").Filter(new() { HasText = customerId });

    public async Task ClaimAsync(string customerId)
    {
        await QueueItem(customerId).GetByRole(AriaRole.Button, new() { Name = $"Claim the conversation of {customerId}" }).ClickAsync();
        await Expect(HandoffInfo).ToContainTextAsync("claimed by");
        await Expect(ReplyBox).ToBeEnabledAsync();
    }

    /// <summary>The decision panel: the proposal a person must approve or deny.</summary>
    public ILocator Decision => page.GetByRole(AriaRole.Region, new() { Name = "Decision needed" });

    /// <summary>Claims one conversation by its thread (a customer may have more than one entry in the queue).</summary>
    public async Task ClaimThreadAsync(string threadId)
    {
        var item = page.Locator($".queue-item[data-thread=\"{threadId}\"]");
        await item.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Claim the conversation of") }).ClickAsync();
        await Expect(HandoffInfo).ToContainTextAsync("claimed by");
        await Expect(ReplyBox).ToBeEnabledAsync();
    }

    public async Task ReplyAsync(string text)
    {
        await ReplyBox.FillAsync(text);
        await ReplyBox.PressAsync("Enter");
        await Expect(Transcript).ToContainTextAsync(text);
    }
}
