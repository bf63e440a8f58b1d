using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Pages;

/// <summary>The customer chat at <c>/</c>, as a customer uses it: by labels and roles.</summary>
public sealed class ChatPage(IPage page)
{
    public IPage Page => page;
    public ILocator Conversation => page.GetByRole(AriaRole.Log, new() { Name = "Conversation" });
    public ILocator MessageBox => page.GetByLabel("Message", new() { Exact = true });
    public ILocator HandoffBanner => page.Locator("#handoff-banner");
    public ILocator Replies => Conversation.Locator(".msg--assistant");

    public async Task SignInAsync(string customerId)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Customer", new() { Exact = true }).SelectOptionAsync(customerId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(MessageBox).ToBeVisibleAsync();
    }

    /// <summary>Types a message, sends it with Enter and waits until the streamed answer is complete.</summary>
    public async Task SayAsync(string text)
    {
        var sent = Conversation.Locator(".msg--customer");
        var before = await sent.CountAsync();
        await MessageBox.FillAsync(text);
        await MessageBox.PressAsync("Enter");
        await Expect(sent).ToHaveCountAsync(before + 1);
        await Expect(Conversation.Locator("[aria-busy=true]")).ToHaveCountAsync(0);
    }

    /// <summary>The conversation on screen, as the page remembers it for this tab.</summary>
    public Task<string> ThreadIdAsync() =>
        page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('supportagent.customer')).threadId");

    public async Task RateAsync(int stars, string comment)
    {
        await page.GetByLabel($"{stars} –").CheckAsync();
        await page.GetByLabel("Comment (optional)").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(page.GetByText("Thank you for rating this conversation.")).ToBeVisibleAsync();
    }
}
