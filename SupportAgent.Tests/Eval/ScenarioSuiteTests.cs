using SupportAgent.Eval;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Eval;

/// <summary>The scenario suite (scenarios/*.json): at least 95 % correct outcomes and no policy violation.</summary>
public sealed class ScenarioSuiteTests(ITestOutputHelper output) : OfflineSuiteTestBase(output)
{
    private const double MinCorrect = 0.95;

    [Fact]
    public async Task Offline_engine_passes_the_scenario_suite_with_no_policy_violation()
    {
        var scenarios = ScenarioLoader.LoadDirectory(ScenarioDirectory());
        Assert.True(scenarios.Count >= 60, $"{scenarios.Count} scenarios");

        await RunAsync(scenarios, MinCorrect, TimeSpan.FromMinutes(10));

        foreach (var lane in new[] { "REFUND", "SHIPPING", "ORDER_LOOKUP", "GENERAL" })
            Assert.Contains(scenarios, s => s.Expect.Lane == lane);
    }
}
