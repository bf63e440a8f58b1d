using SupportAgent.Api.Graph;
using SupportAgent.Offline.Understanding;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Graph;

/// <summary>
/// A message that asks several things (ARCHITECTURE.md §2, "Several requests"): each request is served by its own lane,
/// in the same reply when nothing waits on the customer, else named and served once the customer has answered.
/// None is dropped. The real graph with the offline engine and a fake ToolsService.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class SeveralRequestsGraphTests(WholeAppFixture fixture)
{
    [Fact]
    public void A_message_about_two_orders_is_two_requests_but_a_story_about_one_is_one()
    {
        var two = RequestSplitter.Split("could you refund order 1001, and where has order 1002 got to?");
        Assert.Equal([(Lanes.Refund, "1001"), (Lanes.Shipping, "1002")], two.Select(r => (r.Lane, r.OrderId)).ToList());

        Assert.Single(RequestSplitter.Split("Order 1001 turned up smashed. I'd like my money back please."));
        Assert.Single(RequestSplitter.Split("Thinking of sending back order 1250. How much would I get back for it?"));
    }

    [Fact]
    public async Task Each_request_goes_to_its_own_lane_in_the_same_reply()
    {
        var (graph, tools, thread) = await StartAsync();
        await using var _ = graph;
        var sink = new RecordingSink();

        var turn = await graph.Runner.RunTurnAsync(
            new TurnRequest(thread, "cust_001", "t1", "any update on order 1002? Also how long do refunds usually take?"), sink, default);

        Assert.Equal([Lanes.Shipping, Lanes.General], sink.Events.OfType<RouteEvent>().Select(e => e.Lane).ToList());
        // Each lane's first read is made by ROUTE for it (Prefetch): the tracking, then the help-center search.
        Assert.Contains(tools.Calls, c => c is { Tool: "get_tracking", Node: "ROUTE" } && c.Body.Contains("1002"));
        Assert.Contains(tools.Calls, c => c is { Tool: "search_docs", Node: "ROUTE" } && c.Body.Contains("refunds usually take"));
        Assert.Contains("1Z1002", turn.Reply);
        Assert.Contains("30 days", turn.Reply);
    }

    [Fact]
    public async Task A_request_waiting_for_a_yes_holds_the_others_which_are_served_after_the_answer()
    {
        var (graph, tools, thread) = await StartAsync();
        await using var _ = graph;

        var ask = await graph.Runner.RunTurnAsync(
            new TurnRequest(thread, "cust_001", "t1", "where's order 1002 at, and refund order 1001 please"), new RecordingSink(), default);
        Assert.Equal(Lanes.Refund, ask.Lane);
        Assert.Contains("Shall I refund $129.99 for order 1001", ask.Reply);
        Assert.Contains("where's order 1002 at", ask.Reply);
        Assert.DoesNotContain(tools.Calls, c => c.Tool is "issue_refund" or "get_tracking");

        var sink = new RecordingSink();
        var yes = await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", "t2", "yes please", ask.CheckpointId), sink, default);

        Assert.Single(tools.Calls, c => c.Tool == "issue_refund");
        // The queued request's tracking is read by ROUTE when it hands the request on.
        Assert.Contains(tools.Calls, c => c is { Tool: "get_tracking", Node: "ROUTE" } && c.CallId.StartsWith("t2/"));
        Assert.Equal([Lanes.Refund, Lanes.Shipping], sink.Events.OfType<RouteEvent>().Select(e => e.Lane).ToList());
        Assert.Contains("refunded $129.99", yes.Reply);
        Assert.Contains("1Z1002", yes.Reply);
    }

    [Fact]
    public async Task A_declined_proposal_still_serves_the_other_request_and_moves_no_money()
    {
        var (graph, tools, thread) = await StartAsync();
        await using var _ = graph;

        var ask = await graph.Runner.RunTurnAsync(
            new TurnRequest(thread, "cust_001", "t1", "refund order 1001, and where is order 1002?"), new RecordingSink(), default);
        var no = await graph.Runner.RunTurnAsync(
            new TurnRequest(thread, "cust_001", "t2", "Actually no, the tracking was all I needed, thanks.", ask.CheckpointId), new RecordingSink(), default);

        Assert.DoesNotContain(tools.Calls, c => c.Tool == "issue_refund");
        Assert.Contains(tools.Calls, c => c.Tool == "get_tracking");
        Assert.Contains("1Z1002", no.Reply);
    }

    private async Task<(GraphHarness Graph, FakeToolsHandler Tools, string Thread)> StartAsync()
    {
        var tools = new FakeToolsHandler();
        var support = (await fixture.App.GetConnectionStringAsync("support"))!;
        return (new GraphHarness(support, tools), tools, $"th_graph_{Guid.NewGuid():n}");
    }
}
