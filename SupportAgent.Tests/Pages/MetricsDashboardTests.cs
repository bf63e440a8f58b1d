using System.Text.Json;
using Microsoft.Playwright;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SupportAgent.Tests.Pages;

/// <summary>The console's metrics dashboard drawing a week of figures (served by a stand-in so the shape is known).</summary>
[Collection(WholeAppCollection.Name)]
public sealed class MetricsDashboardTests(WholeAppFixture fixture, Chromium chromium, ITestOutputHelper output)
    : IClassFixture<Chromium>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(fixture, chromium, output);

    [Fact]
    public async Task Dashboard_draws_each_figure_over_time_with_gaps_where_a_day_has_no_data()
    {
        var console = new ConsolePage(await _browsing.NewPageAsync());
        await console.Page.RouteAsync("**/api/metrics/support?*", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(AWeek(), JsonSerializerOptions.Web),
        }));
        await console.SignInAsync("agent_ana");

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Metrics" }).ClickAsync();

        var kpis = console.Page.Locator(".kpi");
        await Expect(kpis.Filter(new() { HasText = "Deflection" })).ToContainTextAsync("62.5 %");
        await Expect(kpis.Filter(new() { HasText = "First response" })).ToContainTextAsync("850 ms / 2.40 s");
        await Expect(kpis.Filter(new() { HasText = "CSAT, human-resolved" })).ToContainTextAsync("4.50 / 5");
        await Expect(kpis.Filter(new() { HasText = "Cost per resolved" })).ToContainTextAsync("$0.0031");
        var deflection = console.Page.GetByRole(AriaRole.Img, new() { Name = "Deflection rate: latest 70.0 %" });
        await Expect(deflection).ToBeVisibleAsync();
        // Day 4 has no threads: the line breaks there, so two runs of days and a dot per day with data.
        await Expect(deflection.Locator("polyline")).ToHaveCountAsync(2);
        await Expect(deflection.Locator("circle")).ToHaveCountAsync(6);
        await Expect(console.Page.Locator(".chart")).ToHaveCountAsync(5);
        await _browsing.ScreenshotAsync(console.Page, "console-metrics-week-desktop");
    }

    private static object AWeek()
    {
        var start = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        double?[] deflection = [0.5, 0.6, 0.55, null, 0.65, 0.6, 0.7];
        return new
        {
            from = start,
            to = start.AddDays(7),
            deflectionRate = 0.625,
            escalationRate = 0.3,
            firstResponseP50Ms = 850.0,
            firstResponseP95Ms = 2400.0,
            csat = new
            {
                bot = new { mean = 4.2, shareFourOrFive = 0.8, count = 10 },
                human = new { mean = 4.5, shareFourOrFive = 0.9, count = 4 },
            },
            costPerResolvedTicket = 0.0031,
            resolvedSpend = 0.05,
            counts = new { threads = 40, threadsWithCustomerMessage = 38, resolved = 16, resolvedWithoutHandoff = 10, withHandoff = 12, turns = 90, ratings = 14 },
            series = deflection.Select((d, i) => new
            {
                start = start.AddDays(i),
                deflectionRate = d,
                escalationRate = d is null ? (double?)null : 1 - d,
                firstResponseP95Ms = d is null ? (double?)null : 1800 + i * 150,
                csatMean = d is null ? (double?)null : 3.8 + i * 0.1,
                costPerResolvedTicket = d is null ? (decimal?)null : 0.002m + i * 0.0003m,
                threads = d is null ? 0 : 6,
            }),
        };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _browsing.DisposeAsync();
}
