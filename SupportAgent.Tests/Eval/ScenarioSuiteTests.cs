using System.Text;
using SupportAgent.Eval;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Eval;

/// <summary>
/// The scenario suite (scenarios/*.json) against the real AppHost with the offline engine: real graph, ToolsService,
/// MockBackends, PostgreSQL and Redis. Its own app and data folder, so every run starts from the seeded world and the
/// refunds and replacements the scenarios make never meet another test's orders.
/// </summary>
public sealed class ScenarioSuiteTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double MinCorrect = 0.95;
    private readonly string _dataPath = AppHostRunner.NewDataPath();
    private DistributedApplication _app = null!;

    public async Task InitializeAsync() => _app = await AppHostRunner.StartAsync(_dataPath, EvalSuite.ConfigureApp);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        AppHostRunner.DeleteDataPath(_dataPath);
    }

    [Fact]
    public async Task Offline_engine_passes_the_scenario_suite_with_no_policy_violation()
    {
        var scenarios = ScenarioLoader.LoadDirectory(ScenarioDirectory());
        Assert.True(scenarios.Count >= 60, $"{scenarios.Count} scenarios");
        var target = new EvalTarget(_app.GetEndpoint("api", "http"), _app.GetEndpoint("mockbackends", "http"), "offline engine",
            AppHostRunner.BackendsSigningKey);
        var log = new StringWriter();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var report = await EvalSuite.RunAsync(target, scenarios, refundCap: 500m, log, timeout.Token);
        report.Print(log);
        output.WriteLine(log.ToString());

        Assert.True(report.Violations.Count == 0, Describe("policy violations", report.Violations.Select(v => $"{v.Kind}: {v.Detail}")));
        Assert.True(report.Totals.CorrectRate >= MinCorrect,
            Describe($"{report.Totals.Correct}/{report.Totals.Scenarios} correct, below {MinCorrect:P0}",
                report.Results.Where(r => !r.Correct).Select(r => $"{r.Scenario.Id}: {string.Join("; ", r.Misses)}")));
        foreach (var lane in new[] { "REFUND", "SHIPPING", "ORDER_LOOKUP", "GENERAL" })
            Assert.Contains(scenarios, s => s.Expect.Lane == lane);
    }

    internal static string ScenarioDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SupportAgent.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("No SupportAgent.sln above the test output."), "scenarios");
    }

    private static string Describe(string title, IEnumerable<string> lines) =>
        new StringBuilder(title).AppendJoin("", lines.Select(l => "\n  " + l)).ToString();
}
