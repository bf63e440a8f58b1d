using Microsoft.Playwright;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Pages;

/// <summary>
/// Browser contexts on the running Api for one test: each context is a separate person (own session storage), and
/// the browser's console errors go to the test output.
/// </summary>
public sealed class Browsing(WholeAppFixture app, Chromium chromium, ITestOutputHelper output) : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    private readonly List<IBrowserContext> _contexts = [];

    public Uri BaseUrl => app.App.GetEndpoint("api", "http");

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = viewport ?? Desktop,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        _contexts.Add(context);
        // Actions wait for the page as long as expectations do: a busy machine makes the first turns slow.
        context.SetDefaultTimeout(Chromium.ExpectTimeoutMs);
        var page = await context.NewPageAsync();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning") Log($"[browser {m.Type}] {m.Text}");
        };
        page.PageError += (_, error) => Log($"[page error] {error}");
        return page;
    }

    /// <summary>Where screenshots go: a folder beside the test assembly, kept after the run.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("SCREENSHOT_DIR")
                ?? Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Log($"screenshot: {path}");
        return path;
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished; late browser messages have nowhere to go.
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
    }
}
