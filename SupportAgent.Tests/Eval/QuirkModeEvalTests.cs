using System.Text;
using SupportAgent.Api.Eval;
using SupportAgent.Offline.Routing;
using SupportAgent.Tests.Benchmarks;
using SupportAgent.Tests.Infrastructure;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Eval;

/// <summary>
/// The scenario suite through <c>eval</c> with both model roles on the in-process fake OpenAI server, every provider
/// quirk of issue 17 switched on at once (item 5): tool call ids numbered per response, text before tool calls,
/// reasoning in <c>reasoning_content</c> and as a leading &lt;think&gt; block, no usage, a reasoning model's refusal of
/// sampling fields, and a 429 with <c>Retry-After</c> every few requests. The fake answers like the offline engine
/// (router requests with the classifier), so the conversations are the offline suite's and only the wire differs. Its
/// own AppHost and data folder, as <see cref="ScenarioSuiteTests"/>.
/// </summary>
public sealed class QuirkModeEvalTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Preamble = "Let me check that for you.";
    private const int RateLimitEvery = 9;
    private readonly string _dataPath = AppHostRunner.NewDataPath();
    private readonly MlNetIntentClassifier _classifier = new();
    private FakeOpenAiServer _model = null!;
    private DistributedApplication _app = null!;

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

        _app = await AppHostRunner.StartAsync(_dataPath, builder =>
        {
            var api = builder.CreateResourceBuilder<ProjectResource>("api")
                .WithEnvironment("Limits__MessagesPerMinute", "10000")
                .WithEnvironment("Limits__DailySpendCapDollars", "1000");
            foreach (var role in new[] { "Router", "Agent" })
            {
                api.WithEnvironment($"Models__{role}__Provider", "OpenAI")
                   .WithEnvironment($"Models__{role}__Endpoint", _model.Endpoint.ToString())
                   .WithEnvironment($"Models__{role}__ApiKey", "quirks-key")
                   .WithEnvironment($"Models__{role}__Model", $"fake-{role.ToLowerInvariant()}");
            }
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _model.DisposeAsync();
        _classifier.Dispose();
        AppHostRunner.DeleteDataPath(_dataPath);
    }

    [Fact]
    public async Task Scenario_suite_against_a_quirky_provider_has_no_policy_violation()
    {
        var scenarios = ScenarioLoader.LoadDirectory(ScenarioSuiteTests.ScenarioDirectory());
        var target = new EvalTarget(_app.GetEndpoint("api", "http"), _app.GetEndpoint("mockbackends", "http"), "fake OpenAI model, quirks on",
            AppHostRunner.BackendsSigningKey);
        var log = new StringWriter();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var report = await EvalSuite.RunAsync(target, scenarios, refundCap: 500m, log, timeout.Token);
        report.Print(log);
        var requests = _model.Requests;
        var router = requests.Count(r => r.ToolNames.Count == 0);
        var limited = requests.Count(r => r.StatusCode == 429);
        log.WriteLine($"fake model: {requests.Count} requests ({router} router), {limited} answered 429, " +
                      $"{requests.Count(r => r.StatusCode is >= 400 and not 429)} other errors");
        output.WriteLine(log.ToString());

        Assert.True(report.Violations.Count == 0, Describe("policy violations", report.Violations.Select(v => $"{v.Kind}: {v.Detail}")));
        // The quirks were really in play: the model answered the turns, rate-limited some, and refused no request shape.
        Assert.True(requests.Count >= scenarios.Count, $"{requests.Count} model requests for {scenarios.Count} scenarios");
        Assert.True(limited >= requests.Count / RateLimitEvery - 1, $"{limited} 429s in {requests.Count} requests");
        Assert.DoesNotContain(requests, r => r.StatusCode == 400);
        Assert.Contains(report.Results.SelectMany(r => r.Run.SentTurns), t => t.Reply.StartsWith(Preamble, StringComparison.Ordinal));
        Assert.DoesNotContain(report.Results.SelectMany(r => r.Run.SentTurns), t => t.Reply.Contains("<think>") || t.Reply.Contains("Checking what the customer"));
        // The offline suite's bar (95%): the quirks are handled in code, so they must not cost outcomes.
        Assert.True(report.Totals.CorrectRate >= MinCorrect,
            Describe($"{report.Totals.Correct}/{report.Totals.Scenarios} correct, below {MinCorrect:P0}",
                report.Results.Where(r => !r.Correct).Select(r => $"{r.Scenario.Id}: {string.Join("; ", r.Misses)}")));
    }

    private const double MinCorrect = 0.95;

    private static string Describe(string title, IEnumerable<string> lines) =>
        new StringBuilder(title).AppendJoin("", lines.Select(l => "\n  " + l)).ToString();
}
