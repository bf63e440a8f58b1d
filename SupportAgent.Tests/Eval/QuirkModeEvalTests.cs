using System.Text.Json;
using SupportAgent.Eval;
using SupportAgent.Offline.Routing;
using SupportAgent.Tests.Benchmarks;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Eval;

/// <summary>
/// The scenario suite through the <c>eval</c> command (issue 17, item 5), <c>--provider openai</c> pointed at the
/// in-process fake OpenAI server for both model roles, with every provider quirk of issue 17 switched on at once: tool
/// call ids numbered per answer, text before tool calls, reasoning in <c>reasoning_content</c> and as a leading
/// &lt;think&gt; block, no usage, a reasoning model's 400 for sampling fields, and a 429 with <c>Retry-After</c> every
/// few requests. The fake answers like the offline engine (router requests with the classifier), so the conversations
/// are the offline suite's and only the wire differs. The command starts its own app from a fresh data folder.
/// </summary>
public sealed class QuirkModeEvalTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Preamble = "Let me check that for you.";
    private const int RateLimitEvery = 9;

    /// <summary>The offline suite's bar: the quirks are handled in code, so they must not cost outcomes.</summary>
    private const double MinCorrect = 0.95;

    private readonly MlNetIntentClassifier _classifier = new();
    private readonly string _results = Path.Combine(Path.GetTempPath(), $"quirk-eval-{Guid.NewGuid():n}.json");
    private FakeOpenAiServer _model = null!;

    public async Task InitializeAsync()
    {
        _classifier.EnsureTrained();
        _model = await FakeOpenAiServer.StartAsync();
        _model.Responder = FakeModelResponder.Create(_classifier);
        _model.Quirks.NumberToolCallIdsPerResponse = true;
        _model.Quirks.TextBeforeToolCalls = Preamble;
        _model.Quirks.ReasoningContent = "The customer wants help; I should use the tools before answering.";
        _model.Quirks.ThinkInText = "Checking what the customer asked.";
        _model.Quirks.OmitUsage = true;
        _model.Quirks.RejectedFields.UnionWith(FakeQuirks.ReasoningModelRejects);
        _model.Quirks.RateLimitEvery = RateLimitEvery;
        _model.Quirks.RateLimitRetryAfterSeconds = 1;
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        _classifier.Dispose();
        File.Delete(_results);
    }

    [Fact]
    public async Task Scenario_suite_through_eval_against_a_quirky_provider_has_no_policy_violation()
    {
        var log = new StringWriter();
        var exit = await EvalCommand.RunAsync(
        [
            OfflineSuiteTestBase.ScenarioDirectory(), "--provider", "openai", "--endpoint", _model.Endpoint.ToString(),
            "--model", "fake-model", "--key", "quirks-key", "--min-correct", MinCorrect.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--out", _results,
        ], log);
        var requests = _model.Requests;
        var limited = requests.Count(r => r.StatusCode == 429);
        log.WriteLine($"fake model: {requests.Count} requests ({requests.Count(r => r.ToolNames.Count == 0)} router), {limited} answered 429, " +
                      $"{requests.Count(r => r.StatusCode is >= 400 and not 429)} other errors");
        output.WriteLine(log.ToString());

        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(_results));
        var totals = results.RootElement.GetProperty("totals");
        var scenarios = results.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        var violations = scenarios.SelectMany(s => s.GetProperty("violations").EnumerateArray().Select(v => $"{s.GetProperty("id")}: {v}")).ToList();
        Assert.True(violations.Count == 0, "policy violations:\n  " + string.Join("\n  ", violations));
        Assert.Equal(0, totals.GetProperty("violations").GetInt32());
        Assert.True(totals.GetProperty("correctRate").GetDouble() >= MinCorrect, "correct outcomes below the bar:\n  " + string.Join("\n  ",
            scenarios.Where(s => !s.GetProperty("correct").GetBoolean()).Select(s => $"{s.GetProperty("id")}: {s.GetProperty("misses")}")));
        Assert.Equal(0, exit);

        // The quirks were really in play: the model served the turns, rate-limited some, refused no request's shape, and
        // its preamble reached customers while its reasoning did not.
        Assert.True(requests.Count >= scenarios.Count, $"{requests.Count} model requests for {scenarios.Count} scenarios");
        Assert.True(limited >= requests.Count / RateLimitEvery - 1, $"{limited} 429s in {requests.Count} requests");
        Assert.DoesNotContain(requests, r => r.StatusCode == 400);
        var replies = scenarios.SelectMany(s => s.GetProperty("turns").EnumerateArray()).Select(t => t.GetProperty("reply").GetString() ?? "").ToList();
        Assert.Contains(replies, r => r.StartsWith(Preamble, StringComparison.Ordinal));
        Assert.DoesNotContain(replies, r => r.Contains("<think>") || r.Contains("Checking what the customer") || r.Contains("I should use the tools"));
    }
}
