using Microsoft.Playwright;

namespace SupportAgent.Tests.Pages;

/// <summary>
/// One headless Chromium per test class, driven by Playwright. There is no browser download here: Playwright drives
/// the system's Chromium (scripts/prerequisites.sh --browser installs it), told not to reach the network.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Turns run through the real graph on a busy machine: give page expectations room, they still return early.</summary>
    public const float ExpectTimeoutMs = 90_000;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"Chromium not found at {ExecutablePath}: run scripts/prerequisites.sh --browser or set CHROMIUM_PATH.");
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
