using SupportAgent.Api.Graph;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Graph;

/// <summary>
/// The Agent Framework workflow itself: lanes, tool nodes, checkpoints that carry a thread across "restarts", and the
/// HUMAN request port. Uses the whole app's PostgreSQL for checkpoints and a fake ToolsService.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class WorkflowGraphTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task Refund_confirmed_after_a_restart_continues_from_the_checkpoint()
    {
        var tools = new FakeToolsHandler();
        var thread = $"th_graph_{Guid.NewGuid():n}";
        var support = (await fixture.App.GetConnectionStringAsync("support"))!;

        TurnResult first;
        await using (var before = new GraphHarness(support, tools))
        {
            first = await before.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "turn_1", "I'd like a refund for order 1001"), new RecordingSink(), default);
        }
        Assert.Equal(Lanes.Refund, first.Lane);
        Assert.Contains("129.99", first.Reply);
        Assert.NotNull(first.CheckpointId);
        Assert.DoesNotContain(tools.Calls, c => c.Tool == "issue_refund");

        await using var after = new GraphHarness(support, tools);
        var sink = new RecordingSink();
        var second = await after.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "turn_2", "yes please", first.CheckpointId), sink, default);

        var refund = Assert.Single(tools.Calls, c => c.Tool == "issue_refund");
        Assert.Equal("REFUND_TOOLS", refund.Node);
        Assert.Contains("1001", refund.Body);
        Assert.Equal(Lanes.Refund, second.Lane);
        Assert.Null(second.Handoff);
        Assert.True(second.Usage.OutputTokens > 0);
        Assert.Contains(sink.Events, e => e is NodeEvent { Node: "REFUND_TOOLS" });
    }

    [Fact]
    public async Task Needs_approval_pauses_at_the_human_port_and_return_to_bot_resumes()
    {
        var tools = new FakeToolsHandler();
        var thread = $"th_graph_{Guid.NewGuid():n}";
        var support = (await fixture.App.GetConnectionStringAsync("support"))!;
        await using var graph = new GraphHarness(support, tools);

        var ask = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t1", "refund order 1004 please"), new RecordingSink(), default);
        var yes = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t2", "yes", ask.CheckpointId), new RecordingSink(), default);

        Assert.True(yes.Handoff is not null, $"ask: {ask.Reply} / yes: {yes.Reply} / calls: {string.Join(",", tools.Calls.Select(c => c.Tool + c.Body))}");
        Assert.Equal(Escalation.Reasons.AboveCap, yes.Handoff!.Reason);
        Assert.Contains("approval", yes.Reply);

        await using var restarted = new GraphHarness(support, tools);
        var back = await restarted.Runner.ResumeFromHumanAsync(
            new TurnRequest(thread, "cust_001", "t3", "", yes.CheckpointId), new HumanResponse("agent_ana", "Approved the refund manually."), new RecordingSink(), default);
        Assert.Contains("back with the assistant", back.Reply);
        Assert.Null(back.Handoff);
    }

    [Fact]
    public async Task Tool_outside_the_lane_is_refused_by_the_tool_node()
    {
        var tools = new FakeToolsHandler();
        var thread = $"th_graph_{Guid.NewGuid():n}";
        var support = (await fixture.App.GetConnectionStringAsync("support"))!;
        await using var graph = new GraphHarness(support, tools);
        var sink = new RecordingSink();

        var turn = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t1", "How do returns work?"), sink, default);

        Assert.Equal(Lanes.General, turn.Lane);
        Assert.All(tools.Calls, c => Assert.Contains(c.Tool, Lanes.ToolsOf(Lanes.General)));
        Assert.Contains(sink.Events, e => e is ToolCallEvent { Tool: "search_docs" });
    }
}
