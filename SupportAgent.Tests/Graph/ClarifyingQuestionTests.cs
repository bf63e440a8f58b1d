using SupportAgent.Api.Graph;
using SupportAgent.Offline.Routing;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Graph;

/// <summary>
/// ROUTE asks a short clarifying question instead of guessing when the router is unsure of a new thread's first message
/// (GraphOptions.MinConfidence), and routes the answer together with the message it clarifies.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class ClarifyingQuestionTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task An_unclear_message_gets_a_question_and_the_answer_is_routed_with_it()
    {
        var tools = new FakeToolsHandler();
        var thread = $"th_clarify_{Guid.NewGuid():n}";
        await using var graph = new GraphHarness((await fixture.App.GetConnectionStringAsync("support"))!, tools, new UnsureClassifier());

        var ask = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t1", "it's about the parcel for order 1002"), new RecordingSink(), default);

        Assert.Equal(RouteExecutor.ClarifyingQuestion, ask.Reply);
        // Only the read of the order named, made while the router decided (Prefetch); no specialist ran.
        Assert.All(tools.Calls, c => Assert.Equal((RouteExecutor.NodeId, "get_order"), (c.Node, c.Tool)));
        Assert.Null(ask.Handoff);

        // "it never came" alone is unclear too; with the message it answers, it is a delivery problem.
        var sink = new RecordingSink();
        var answer = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t2", "it never came", ask.CheckpointId), sink, default);

        Assert.Equal(Lanes.Shipping, answer.Lane);
        Assert.Contains(sink.Events, e => e is RouteEvent { Lane: Lanes.Shipping });
        Assert.Contains(tools.Calls, c => c.Tool == "get_tracking" && c.Body.Contains("1002"));
    }

    [Fact]
    public async Task The_question_is_asked_once_then_the_thread_goes_to_general()
    {
        var tools = new FakeToolsHandler();
        var thread = $"th_clarify_{Guid.NewGuid():n}";
        await using var graph = new GraphHarness((await fixture.App.GetConnectionStringAsync("support"))!, tools, new UnsureClassifier());

        var ask = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t1", "hmm"), new RecordingSink(), default);
        var again = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t2", "not sure really", ask.CheckpointId), new RecordingSink(), default);

        Assert.Equal(RouteExecutor.ClarifyingQuestion, ask.Reply);
        Assert.NotEqual(RouteExecutor.ClarifyingQuestion, again.Reply);
        Assert.Equal(Lanes.General, again.Lane);
    }

    [Fact]
    public async Task A_confident_router_is_not_questioned()
    {
        var tools = new FakeToolsHandler();
        var thread = $"th_clarify_{Guid.NewGuid():n}";
        await using var graph = new GraphHarness((await fixture.App.GetConnectionStringAsync("support"))!, tools, new UnsureClassifier());

        var turn = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t1", "I'd like a refund for order 1001"), new RecordingSink(), default);

        Assert.Equal(Lanes.Refund, turn.Lane);
        Assert.NotEqual(RouteExecutor.ClarifyingQuestion, turn.Reply);
    }

    /// <summary>Sure of two things only ("refund"; a parcel that never came), unsure (0.3) of everything else.</summary>
    private sealed class UnsureClassifier : IIntentClassifier
    {
        public IntentPrediction Predict(string text)
        {
            var lower = text.ToLowerInvariant();
            var (lane, confidence) = lower.Contains("refund") ? (Lanes.Refund, 0.9)
                : lower.Contains("parcel") && lower.Contains("never") ? (Lanes.Shipping, 0.9)
                : (Lanes.General, 0.3);
            var rest = (1 - confidence) / 3;
            return new(lane, confidence, Lanes.All.ToDictionary(l => l, l => l == lane ? confidence : rest));
        }
    }
}
