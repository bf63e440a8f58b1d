using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Api.Graph;
using SupportAgent.Offline.Routing;
using SupportAgent.Tests.Infrastructure;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;
using SupportAgent.Tests.Models;

namespace SupportAgent.Tests.Graph;

/// <summary>
/// ROUTE's reads (ARCHITECTURE.md §2, "Prefetch"; issue 17, item 4): the orders a message names are read while the
/// router decides, the lane's first read after it, all through the ToolsService under the node ROUTE, shown on the
/// stream, and handed to the specialist as completed tool calls so it answers without asking for them. The real graph
/// with a fake ToolsService, and one test through the whole app for the customer's scope.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class PrefetchTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task The_order_named_is_read_by_ROUTE_while_the_router_decides_and_the_specialist_answers_from_it()
    {
        var tools = new FakeToolsHandler();
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tools.OnCall = (tool, node) =>
        {
            if (tool == "get_order" && node == RouteExecutor.NodeId) read.TrySetResult();
            return Task.CompletedTask;
        };
        // The router does not decide until the read has reached the ToolsService (or gives up waiting): only a read
        // started before routing, not after it, lets it decide in time.
        var router = new WaitingClassifier(read.Task, new FixedIntentClassifier(Lanes.OrderLookup, 0.95));
        await using var graph = await GraphAsync(tools, router);
        var sink = new RecordingSink();

        var turn = await graph.Runner.RunTurnAsync(Turn("What's the status of order 1001?"), sink, default);

        Assert.True(router.ReadBeforeDeciding, "the router decided before ROUTE's get_order reached the ToolsService");
        var call = Assert.Single(tools.Calls);
        Assert.Equal(("get_order", "ROUTE"), (call.Tool, call.Node));
        Assert.Contains("\"order_id\":\"1001\"", call.Body);
        Assert.Contains("Kettle", turn.Reply);
        // The stream: the route, the read (call, result), then the specialist, which made no call of its own.
        var events = sink.Events.Where(e => e is not DeltaEvent and not DoneEvent).ToList();
        Assert.IsType<RouteEvent>(events[0]);
        var announced = Assert.IsType<ToolCallEvent>(events[1]);
        Assert.Equal("get_order", announced.Tool);
        Assert.StartsWith("route_get_order_", announced.CallId);
        Assert.Equal(announced.CallId, Assert.IsType<ToolResultEvent>(events[2]).CallId);
        Assert.Equal("ok", ((ToolResultEvent)events[2]).Outcome);
        Assert.Equal(new NodeEvent(Lanes.OrderLookup), events[3]);
        Assert.Equal(4, events.Count);
    }

    [Fact]
    public async Task With_a_model_the_first_request_already_holds_the_order_and_one_model_call_answers()
    {
        await using var model = await FakeOpenAiServer.StartAsync();
        model.Responder = OfflineEngineResponder.Create();
        var tools = new FakeToolsHandler();
        await using var graph = await GraphAsync(tools, new FixedIntentClassifier(Lanes.OrderLookup, 0.95), new Dictionary<string, string?>
        {
            ["Models:Agent:Provider"] = "OpenAI",
            ["Models:Agent:Endpoint"] = model.Endpoint.ToString(),
            ["Models:Agent:ApiKey"] = "test-key",
            ["Models:Agent:Model"] = "fake-agent",
        });

        var turn = await graph.Runner.RunTurnAsync(Turn("What's the status of order 1001?"), new RecordingSink(), default);

        Assert.Contains("Kettle", turn.Reply);
        var request = Assert.Single(model.Requests);
        var asked = Assert.Single(request.Messages, m => m.ToolCalls.Count > 0);
        var readCall = Assert.Single(asked.ToolCalls);
        Assert.Equal("get_order", readCall.Name);
        Assert.Contains(request.Messages, m => m.Role == "tool" && m.ToolCallId == readCall.Id && m.Content!.Contains("Kettle"));
    }

    [Fact]
    public async Task A_refund_reads_the_order_but_money_never_moves_from_ROUTE()
    {
        var tools = new FakeToolsHandler();
        await using var graph = await GraphAsync(tools, new FixedIntentClassifier(Lanes.Refund, 0.95));
        var thread = NewThread();

        var ask = await graph.Runner.RunTurnAsync(Turn("I'd like a refund for order 1001, it arrived broken", thread, "t1"), new RecordingSink(), default);
        Assert.Contains("Shall I refund $129.99 for order 1001", ask.Reply);
        Assert.Equal([("get_order", "ROUTE")], tools.Calls.Select(c => (c.Tool, c.Node)).ToList());

        // "yes" answers the proposal: nothing to read; the refund itself runs in REFUND_TOOLS on the confirmed proposal.
        var yes = await graph.Runner.RunTurnAsync(Turn("yes please", thread, "t2", ask.CheckpointId), new RecordingSink(), default);
        Assert.Contains("refunded $129.99", yes.Reply);
        Assert.Equal([("get_order", "ROUTE"), ("issue_refund", "REFUND_TOOLS")], tools.Calls.Select(c => (c.Tool, c.Node)).ToList());
    }

    [Fact]
    public async Task Shipping_reads_the_tracking_and_a_help_question_the_help_center_but_a_greeting_nothing()
    {
        var tools = new FakeToolsHandler();
        await using (var shipping = await GraphAsync(tools, new FixedIntentClassifier(Lanes.Shipping, 0.95)))
        {
            var where = await shipping.Runner.RunTurnAsync(Turn("Where is order 1002 now?"), new RecordingSink(), default);
            Assert.Contains("1Z1002", where.Reply);
        }
        Assert.Equal([("get_order", "ROUTE"), ("get_tracking", "ROUTE")], tools.Calls.Select(c => (c.Tool, c.Node)).Order().ToList());

        tools.Calls.Clear();
        await using var general = await GraphAsync(tools, new FixedIntentClassifier(Lanes.General, 0.95));
        var help = await general.Runner.RunTurnAsync(Turn("How do returns work?"), new RecordingSink(), default);
        Assert.Contains("30 days", help.Reply);
        var search = Assert.Single(tools.Calls);
        Assert.Equal(("search_docs", "ROUTE"), (search.Tool, search.Node));
        Assert.Contains("How do returns work?", search.Body);

        tools.Calls.Clear();
        await general.Runner.RunTurnAsync(Turn("hello!"), new RecordingSink(), default);
        Assert.Empty(tools.Calls);
    }

    [Fact]
    public async Task A_read_not_back_in_time_is_left_to_the_specialist_and_zero_turns_the_reads_off()
    {
        var tools = new FakeToolsHandler
        {
            OnCall = (_, node) => node == RouteExecutor.NodeId ? Task.Delay(TimeSpan.FromSeconds(3)) : Task.CompletedTask,
        };
        await using (var slow = await GraphAsync(tools, new FixedIntentClassifier(Lanes.OrderLookup, 0.95), Wait("0.2")))
        {
            var sink = new RecordingSink();
            var turn = await slow.Runner.RunTurnAsync(Turn("What's the status of order 1001?"), sink, default);

            Assert.Contains("Kettle", turn.Reply);
            var notWaited = Assert.Single(sink.Events.OfType<ToolResultEvent>(), e => e.CallId.StartsWith("route_"));
            Assert.Equal("error", notWaited.Outcome);
            Assert.Contains(tools.Calls, c => c is { Tool: "get_order", Node: "ORDER_LOOKUP_TOOLS" });
        }

        tools.Calls.Clear();
        await using var off = await GraphAsync(tools, new FixedIntentClassifier(Lanes.OrderLookup, 0.95), Wait("0"));
        var plain = await off.Runner.RunTurnAsync(Turn("What's the status of order 1001?"), new RecordingSink(), default);
        Assert.Contains("Kettle", plain.Reply);
        Assert.Equal([("get_order", "ORDER_LOOKUP_TOOLS")], tools.Calls.Select(c => (c.Tool, c.Node)).ToList());
    }

    /// <summary>Through the whole app: the real ToolsService reads as the customer, so another customer's order is not found.</summary>
    [Fact]
    public async Task ROUTE_reads_only_the_customers_own_orders_audited_under_ROUTE_like_any_call()
    {
        const string customer = "cust_017";
        using var api = fixture.App.CreateHttpClient("api", "http");
        var seeded = await api.GetFromJsonAsync<JsonElement>("/api/dev/customers");
        var foreign = seeded.EnumerateArray().First(c => c.GetProperty("id").GetString() == "cust_018")
            .GetProperty("orders").EnumerateArray().First().GetProperty("id").ToString();
        var client = await fixture.CustomerAsync(customer);
        var thread = await client.NewThreadAsync();

        var turn = await client.SayAsync(thread, $"What's the status of order {foreign}?");

        var call = Assert.Single(turn.Events, e => e.Type == "tool_call" && e.Str("callId").StartsWith("route_"));
        Assert.Equal("get_order", call.Str("tool"));
        Assert.Equal("not_found", turn.Events.Single(e => e.Type == "tool_result" && e.Str("callId") == call.Str("callId")).Str("outcome"));
        Assert.Contains($"couldn't find order {foreign}", turn.Reply);
        var audit = (await (await fixture.AgentAsync()).GetThreadAsync(thread)).GetProperty("toolCalls").EnumerateArray()
            .Single(c => c.GetProperty("callId").GetString()!.EndsWith("/" + call.Str("callId")));
        Assert.Equal(("ROUTE", "get_order", "not_found"),
            (audit.GetProperty("node").GetString(), audit.GetProperty("tool").GetString(), audit.GetProperty("outcome").GetString()));
    }

    private async Task<GraphHarness> GraphAsync(FakeToolsHandler tools, IIntentClassifier router, IDictionary<string, string?>? settings = null) =>
        new((await fixture.App.GetConnectionStringAsync("support"))!, tools, router, settings);

    private static Dictionary<string, string?> Wait(string seconds) => new() { ["Graph:PrefetchWaitSeconds"] = seconds };

    private static string NewThread() => $"th_prefetch_{Guid.NewGuid():n}";

    private static TurnRequest Turn(string text, string? thread = null, string turn = "t1", string? resumeFrom = null) =>
        new(thread ?? NewThread(), "cust_001", turn, text, resumeFrom);

    /// <summary>A classifier that waits (at most 20 s) for a signal before it answers, and says whether it came.</summary>
    private sealed class WaitingClassifier(Task signal, IIntentClassifier inner) : IIntentClassifier
    {
        public bool ReadBeforeDeciding { get; private set; }

        public IntentPrediction Predict(string text)
        {
            ReadBeforeDeciding = signal.Wait(TimeSpan.FromSeconds(20));
            return inner.Predict(text);
        }
    }
}
