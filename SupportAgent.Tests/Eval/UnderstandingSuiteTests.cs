using SupportAgent.Eval;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Eval;

/// <summary>
/// The held-out understanding suite (scenarios/understanding, issue 16): conversations written apart from the engine
/// in customers' own styles. Fails below <see cref="MinCorrect"/> correct outcomes or on any policy violation.
/// </summary>
public sealed class UnderstandingSuiteTests(ITestOutputHelper output) : OfflineSuiteTestBase(output)
{
    /// <summary>
    /// A ratchet, not the goal: issue 16 asks for 90 %; the engine measured 167/210 (79.5 %) on 2026-12-02. Raise it as
    /// the engine improves, never lower it. Policy violations are never tolerated.
    /// </summary>
    private const double MinCorrect = 0.78;

    [Fact]
    public async Task Offline_engine_understands_the_held_out_conversations()
    {
        var scenarios = ScenarioLoader.LoadDirectory(Path.Combine(ScenarioDirectory(), "understanding"));
        Assert.True(scenarios.Count >= 150, $"{scenarios.Count} scenarios");

        await RunAsync(scenarios, MinCorrect, TimeSpan.FromMinutes(15));
    }
}
