using System.Text;
using SupportAgent.Eval;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Eval;

/// <summary>
/// The held-out understanding suite (scenarios/understanding, issue 16): conversations written apart from the engine
/// in customers' own styles. Same set-up as <see cref="ScenarioSuiteTests"/>: its own app and data folder, so every run
/// starts from the seeded world. Fails below <see cref="MinCorrect"/> correct outcomes or on any policy violation.
/// </summary>
public sealed class UnderstandingSuiteTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// A ratchet, not the goal: issue 16 asks for 90 %; the engine measured 167/210 (79.5 %) on 2026-12-02. Raise it as
    /// the engine improves, never lower it. Policy violations are never tolerated.
    /// </summary>
    private const double MinCorrect = 0.78;
    private readonly string _dataPath = AppHostRunner.NewDataPath();
    private DistributedApplication _app = null!;

    public async Task InitializeAsync() => _app = await AppHostRunner.StartAsync(_dataPath, EvalSuite.ConfigureApp);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        AppHostRunner.DeleteDataPath(_dataPath);
    }

    [Fact]
    public async Task Offline_engine_understands_the_held_out_conversations()
    {
        var scenarios = ScenarioLoader.LoadDirectory(Path.Combine(ScenarioSuiteTests.ScenarioDirectory(), "understanding"));
        Assert.True(scenarios.Count >= 150, $"{scenarios.Count} scenarios");
        var target = new EvalTarget(_app.GetEndpoint("api", "http"), _app.GetEndpoint("mockbackends", "http"), "offline engine",
            AppHostRunner.BackendsSigningKey);
        var log = new StringWriter();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var report = await EvalSuite.RunAsync(target, scenarios, refundCap: 500m, log, timeout.Token);
        report.Print(log);
        output.WriteLine(log.ToString());

        Assert.True(report.Violations.Count == 0, Describe("policy violations", report.Violations.Select(v => $"{v.Kind}: {v.Detail}")));
        Assert.True(report.Totals.CorrectRate >= MinCorrect,
            Describe($"{report.Totals.Correct}/{report.Totals.Scenarios} correct, below {MinCorrect:P0}",
                report.Results.Where(r => !r.Correct).Select(r => $"{r.Scenario.Id}: {string.Join("; ", r.Misses)}")));
    }

    private static string Describe(string title, IEnumerable<string> lines) =>
        new StringBuilder(title).AppendJoin("", lines.Select(l => "\n  " + l)).ToString();
}
