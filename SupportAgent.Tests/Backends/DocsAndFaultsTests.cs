using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Backends;

[Collection(WholeAppCollection.Name)]
public sealed class DocsAndFaultsTests(WholeAppFixture fixture)
{
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Theory]
    [InlineData("How long do refunds take?", "refund-timing")]
    [InlineData("I forgot my password", "password-reset")]
    [InlineData("my package never arrived", "lost-parcels")]
    [InlineData("the item arrived broken", "damaged-items")]
    [InlineData("do you ship to Canada", "international-shipping")]
    [InlineData("can I cancel my order", "cancel-an-order")]
    [InlineData("what is the warranty", "warranty")]
    [InlineData("I need an invoice for my company", "invoices-and-receipts")]
    [InlineData("do gift cards expire", "gift-cards")]
    public async Task Docs_search_ranks_the_right_article_first(string question, string articleId)
    {
        var hits = await _backends.Http.GetFromJsonAsync<JsonArray>($"/docs/search?q={Uri.EscapeDataString(question)}&limit=3");

        Assert.Equal(articleId, hits![0]!["articleId"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(hits[0]!["passage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Docs_articles_can_be_read_by_id()
    {
        var article = await _backends.Http.GetFromJsonAsync<JsonObject>("/docs/returns-policy");
        using var missing = await _backends.Http.GetAsync("/docs/no-such-article");

        Assert.Contains("30 days", article!["body"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Faults_can_be_set_and_cleared_at_run_time()
    {
        try
        {
            await _backends.SetFaultAsync("docs", new { errorRate = 1.0 });
            using var failing = await _backends.Http.GetAsync("/docs/search?q=refund");
            await _backends.SetFaultAsync("docs", new { latencyMs = 400 });
            var stopwatch = Stopwatch.StartNew();
            using var slow = await _backends.Http.GetAsync("/docs/search?q=refund");
            var elapsed = stopwatch.Elapsed;
            await _backends.ResetFaultsAsync();
            using var healthy = await _backends.Http.GetAsync("/docs/search?q=refund");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
            Assert.Equal("fault_injected", (await failing.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
            Assert.True(elapsed >= TimeSpan.FromMilliseconds(380), $"took {elapsed}");
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }
        finally
        {
            await _backends.ResetFaultsAsync();
        }
    }

    [Fact]
    public async Task Timeout_fault_hangs_until_the_caller_gives_up()
    {
        using var impatient = new HttpClient { BaseAddress = _backends.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(1) };
        impatient.DefaultRequestHeaders.Authorization = _backends.Http.DefaultRequestHeaders.Authorization;
        try
        {
            await _backends.SetFaultAsync("docs", new { timeoutRate = 1.0 });

            var stopwatch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("/docs/search?q=refund"));

            Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        }
        finally
        {
            await _backends.ResetFaultsAsync();
        }
    }

    [Fact]
    public async Task Invalid_fault_settings_are_rejected()
    {
        using var badRate = await _backends.Http.PutAsJsonAsync("/admin/faults/orders", new { errorRate = 2.0 });
        using var unknown = await _backends.Http.PutAsJsonAsync("/admin/faults/mainframe", new { errorRate = 0.5 });

        Assert.Equal(HttpStatusCode.BadRequest, badRate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var faults = await _backends.Http.GetFromJsonAsync<JsonObject>("/admin/faults");
        Assert.Equal(0.0, faults!["orders"]!["errorRate"]!.GetValue<double>());
    }
}
