using SupportAgent.Eval;

namespace SupportAgent.Tests.Eval;

/// <summary>Small builders for the eval's unit tests: a tiny seeded world, scenarios and what a run observed.</summary>
internal static class EvalBuilders
{
    public static World World()
    {
        var world = new World { Detailed = true };
        world.Customers["cust_001"] = new CustomerFacts("cust_001", "Alice Martin", "alice.martin@example.com");
        world.Customers["cust_002"] = new CustomerFacts("cust_002", "Bruno Silva", "bruno.silva@example.com");
        Order(world, "1001", "cust_001", "delivered", 129.99m, "NP7927032113", "Merino Wool Throw Blanket");
        Order(world, "1004", "cust_001", "delivered", 749m, "SLX7950789452", "Espresso Machine Pro");
        Order(world, "1010", "cust_001", "shipped", 19.99m, "SLX7998304130", "Stainless Steel Water Bottle");
        Order(world, "1003", "cust_001", "lost", 89m, "NP7942870339", "Cast Iron Skillet 12in");
        Order(world, "1011", "cust_002", "delivered", 42m, "NP8006223243", "Yoga Mat");
        return world;
    }

    private static void Order(World world, string id, string owner, string status, decimal total, string tracking, string item)
    {
        world.Orders[id] = new OrderFacts(id, owner, total, tracking, [item]);
        world.State[id] = new OrderState(status, 0m, false, status is "pending" ? null : status);
    }

    public static Scenario Scenario(RefundExpectation? refund = null, ReshipExpectation? reship = null, bool escalated = false,
        string customer = "cust_001", params string[] answerContains) => new()
    {
        Id = "test-scenario",
        Customer = customer,
        Turns = [new ScenarioTurn { Say = "hello" }],
        Expect = new ScenarioExpectation
        {
            Refund = refund, Reship = reship, Escalated = escalated, AnswerContains = answerContains,
        },
    };

    public static TurnRecord Turn(string reply, string lane = "REFUND", params StreamedToolCall[] calls) => new()
    {
        Index = 0, Said = "hello", Lanes = [lane], Reply = reply, ToolCalls = calls,
    };

    public static ScenarioRun Run(Scenario scenario, World world, params TurnRecord[] turns) => new()
    {
        Scenario = scenario,
        Turns = turns.Length > 0 ? turns : [Turn("Hello!")],
        Before = new Dictionary<string, OrderState>(world.State),
    };

    public static MoneyMove Refund(string order, decimal amount) => new("refund", order, amount, "payments provider");

    public static MoneyMove Reship(string order) => new("reship", order, 0m, "carrier");
}
