using SupportAgent.Eval;
using static SupportAgent.Tests.Eval.EvalBuilders;

namespace SupportAgent.Tests.Eval;

/// <summary>The scenario files are valid and cover what the suite promises; the loader and judge reject what is wrong.</summary>
public sealed class ScenarioFilesTests
{
    [Fact]
    public void Repository_scenarios_load_and_cover_every_lane_and_kind_of_conversation()
    {
        var scenarios = ScenarioLoader.LoadDirectory(OfflineSuiteTestBase.ScenarioDirectory());

        Assert.True(scenarios.Count >= 60, $"{scenarios.Count} scenarios");
        foreach (var lane in new[] { "REFUND", "SHIPPING", "ORDER_LOOKUP", "GENERAL" })
            Assert.True(scenarios.Count(s => s.Expect.Lane == lane) >= 5, lane);
        foreach (var tag in new[] { "multi-turn", "topic-change", "vague", "upset", "above-cap", "ineligible", "foreign-order", "injection" })
            Assert.Contains(scenarios, s => s.Tags.Contains(tag));
        Assert.Contains(scenarios, s => s.Turns.Any(t => t.When is not null));
    }

    [Fact]
    public void Two_scenarios_changing_the_same_order_are_rejected()
    {
        var a = Scenario(refund: new("1021", null)) with { Id = "first" };
        var b = Scenario(reship: new("1021")) with { Id = "second" };

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Validate([a, b]));
        Assert.Contains("order 1021 is changed by more than one scenario", error.Message);
    }

    [Fact]
    public void Unknown_tools_lanes_and_customers_are_rejected()
    {
        var bad = Scenario(customer: "alice") with
        {
            Expect = new ScenarioExpectation { Refund = null, Reship = null, Escalated = false, Lane = "BILLING", ToolsCalled = ["refund_all"] },
        };

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Validate([bad]));
        Assert.Contains("unknown tool 'refund_all'", error.Message);
        Assert.Contains("lane 'BILLING' is unknown", error.Message);
        Assert.Contains("customer 'alice'", error.Message);
    }

    [Fact]
    public void A_file_must_say_whether_a_refund_is_expected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"id":"x","customer":"cust_001","turns":[{"say":"hi"}],"expect":{"reship":null,"escalated":false}}""");
        try
        {
            var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(path));
            Assert.Contains("refund", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Judge_counts_a_wrong_amount_a_missed_handoff_and_a_missing_fact()
    {
        var world = World();
        var run = Run(Scenario(refund: new("1001", 50m), escalated: true, answerContains: "5-10 business days"), world,
            Turn("Done: I've refunded $129.99.")) with { Refunds = [Refund("1001", 129.99m)] };

        var misses = ScenarioJudge.Judge(run);

        Assert.Contains(misses, m => m.Contains("expected $50.00"));
        Assert.Contains(misses, m => m.Contains("expected a handoff"));
        Assert.Contains(misses, m => m.Contains("5-10 business days"));
    }
}
