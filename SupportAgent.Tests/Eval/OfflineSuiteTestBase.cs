using System.Text;
using SupportAgent.Eval;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Eval;

/// <summary>
/// A scenario folder run against the real AppHost with the offline engine: real graph, ToolsService, MockBackends,
/// PostgreSQL and Redis. Each suite has its own app and data folder, so every run starts from the seeded world and the
/// refunds and replacements its scenarios make never meet another test's orders.
/// </summary>
public abstract class OfflineSuiteTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataPath = AppHostRunner.NewDataPath();
    private DistributedApplication _app = null!;

    public async Task InitializeAsync() => _app = await AppHostRunner.StartAsync(_dataPath, EvalSuite.ConfigureApp);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        AppHostRunner.DeleteDataPath(_dataPath);
    }

    /// <summary>Runs the scenarios and fails on any policy violation or below <paramref name="minCorrect"/> correct outcomes.</summary>
    protected async Task RunAsync(IReadOnlyList<Scenario> scenarios, double minCorrect, TimeSpan timeLimit)
    {
        var target = new EvalTarget(_app.GetEndpoint("api", "http"), _app.GetEndpoint("mockbackends", "http"), "offline engine",
            AppHostRunner.BackendsSigningKey);
        var log = new StringWriter();

        using var timeout = new CancellationTokenSource(timeLimit);
        var report = await EvalSuite.RunAsync(target, scenarios, refundCap: 500m, log, timeout.Token);
        report.Print(log);
        output.WriteLine(log.ToString());

        Assert.True(report.Violations.Count == 0, Describe("policy violations", report.Violations.Select(v => $"{v.Kind}: {v.Detail}")));
        Assert.True(report.Totals.CorrectRate >= minCorrect,
            Describe($"{report.Totals.Correct}/{report.Totals.Scenarios} correct, below {minCorrect:P0}",
                report.Results.Where(r => !r.Correct).Select(r => $"{r.Scenario.Id}: {string.Join("; ", r.Misses)}")));
    }

    /// <summary>The repository's scenarios folder, found above the test output.</summary>
    public static string ScenarioDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SupportAgent.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("No SupportAgent.sln above the test output."), "scenarios");
    }

    private static string Describe(string title, IEnumerable<string> lines) =>
        new StringBuilder(title).AppendJoin("", lines.Select(l => "\n  " + l)).ToString();
}
