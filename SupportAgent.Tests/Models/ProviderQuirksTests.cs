using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SupportAgent.Api.Graph;
using SupportAgent.Tests.Graph;
using SupportAgent.Tests.Infrastructure;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;
using SupportAgent.Tests.Telemetry;

namespace SupportAgent.Tests.Models;

/// <summary>
/// What real OpenAI-compatible providers do, each switched on in the fake server, through the real graph (issue 17,
/// item 3): the agent model on the fake over real HTTP, checkpoints and the audit in the whole app's PostgreSQL, a fake
/// ToolsService that refuses a reused call id like the real one. The router is the local classifier.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class ProviderQuirksTests(WholeAppFixture fixture) : IAsyncLifetime
{
    private const string Customer = "cust_001";
    private const int MaxRetries = 1;
    private FakeOpenAiServer _model = null!;
    private readonly FakeToolsHandler _tools = new();
    private readonly string _thread = $"th_quirks_{Guid.NewGuid():n}";
    private GraphHarness? _graph;
    private string? _checkpoint;
    private int _turns;

    public async Task InitializeAsync() => _model = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_graph is not null) await _graph.DisposeAsync();
        await _model.DisposeAsync();
    }

    private async Task<GraphHarness> GraphAsync(int attemptTimeoutSeconds = 30) => _graph ??= new GraphHarness(
        (await fixture.App.GetConnectionStringAsync("support"))!, _tools, new KeywordIntentClassifier(), new Dictionary<string, string?>
        {
            ["Models:Agent:Provider"] = "OpenAI",
            ["Models:Agent:Endpoint"] = _model.Endpoint.ToString(),
            ["Models:Agent:ApiKey"] = "test-key",
            ["Models:Agent:Model"] = "fake-agent",
            ["Models:Agent:MaxRetries"] = MaxRetries.ToString(),
            ["Models:Agent:AttemptTimeoutSeconds"] = attemptTimeoutSeconds.ToString(),
            ["Models:Agent:MaxRetryAfterSeconds"] = "5",
        });

    private async Task<(TurnResult Result, RecordingSink Sink)> TurnAsync(string text, int attemptTimeoutSeconds = 30)
    {
        var graph = await GraphAsync(attemptTimeoutSeconds);
        var sink = new RecordingSink();
        var result = await graph.Runner.RunTurnAsync(new TurnRequest(_thread, Customer, $"turn_{++_turns}", text, _checkpoint), sink, default);
        _checkpoint = result.CheckpointId;
        return (result, sink);
    }

    /// <summary>Turn 1 through the offline engine behind the fake: order 1001 looked up and a refund of $129.99 proposed.</summary>
    private async Task ProposeRefundAsync()
    {
        _model.Responder = OfflineEngineResponder.Create();
        var (ask, _) = await TurnAsync("I'd like a refund for order 1001, it arrived broken");
        Assert.Contains("Shall I refund $129.99 for order 1001", ask.Reply);
        _model.Responder = null;
    }

    /// <summary>The calls the model asked for: ROUTE's own reads (Prefetch) are not the scripted model's.</summary>
    private IReadOnlyList<(string Tool, string CallId, string Node, string Body)> ModelCalls =>
        _tools.Calls.Where(c => c.Node != RouteExecutor.NodeId).ToList();

    private static IEnumerable<ToolResultEvent> ModelResults(RecordingSink sink) =>
        sink.Events.OfType<ToolResultEvent>().Where(r => !r.CallId.StartsWith("route_", StringComparison.Ordinal));

    private static string Refund1001 => """{"order_id":"1001","amount":129.99,"reason":"arrived broken"}""";

    // --- ids repeated per response -------------------------------------------------------------------------------

    [Fact]
    public async Task Tool_call_ids_numbered_per_response_stay_unique_for_the_tools_ledger()
    {
        _model.Quirks.NumberToolCallIdsPerResponse = true;
        _model.Enqueue(
            FakeReply.Call("get_order", """{"order_id":"1001"}"""),
            FakeReply.Call("list_orders", "{}"),
            FakeReply.Say("Order 1001 was delivered on November 5th."));

        var (turn, sink) = await TurnAsync("what happened with my refund for order 1001?");

        Assert.Null(turn.Handoff);
        Assert.Equal(["get_order", "list_orders"], ModelCalls.Select(c => c.Tool));
        Assert.Equal(2, ModelCalls.Select(c => c.CallId).Distinct().Count());
        Assert.All(ModelResults(sink), r => Assert.Equal("ok", r.Outcome));
        // Both answers really did reuse call_0; the model is shown the graph's ids, which pair calls and results.
        Assert.All(_model.Requests.Skip(1), r => Assert.Contains(r.Messages, m => m.Role == "tool" && m.ToolCallId!.StartsWith("s1_0_call_0")));
    }

    [Fact]
    public async Task Forged_money_calls_with_the_same_id_at_each_step_are_each_refused_and_audited()
    {
        _model.Quirks.NumberToolCallIdsPerResponse = true;
        _model.Enqueue(
            FakeReply.Call("issue_refund", Refund1001),
            FakeReply.Call("issue_refund", Refund1001),
            FakeReply.Say("I can't do that without your confirmation."));

        var (turn, sink) = await TurnAsync("refund order 1001 right now");

        Assert.DoesNotContain(_tools.Calls, c => c.Tool == "issue_refund");
        Assert.Equal(2, sink.Events.OfType<ToolResultEvent>().Count(r => r is { Tool: "issue_refund", Outcome: "refused" }));
        Assert.Equal(2, await AuditedAsync("issue_refund", "refused"));
        Assert.Null(turn.Handoff);
    }

    // --- parallel tool calls -------------------------------------------------------------------------------------

    [Fact]
    public async Task Escalation_in_the_same_answer_as_a_confirmed_refund_wins_and_no_money_moves()
    {
        await ProposeRefundAsync();
        _model.Enqueue(FakeReply.Calls(
            FakeToolCall.Of("issue_refund", Refund1001),
            FakeToolCall.Of("escalate_to_human", """{"reason":"customer wants a person to check"}""")));

        var (turn, sink) = await TurnAsync("yes");

        Assert.DoesNotContain(_tools.Calls, c => c.Tool == "issue_refund");
        Assert.Contains(_tools.Calls, c => c.Tool == "escalate_to_human");
        Assert.Equal(Escalation.Reasons.AgentRequested, turn.Handoff?.Reason);
        Assert.Contains(sink.Events, e => e is ToolResultEvent { Tool: "issue_refund", Outcome: "refused" });
        Assert.Equal(1, await AuditedAsync("issue_refund", "refused"));
    }

    [Fact]
    public async Task Two_refunds_in_one_answer_run_one_per_step()
    {
        await ProposeRefundAsync();
        _model.Enqueue(
            FakeReply.Calls(FakeToolCall.Of("issue_refund", Refund1001), FakeToolCall.Of("issue_refund", Refund1001)),
            FakeReply.Say("I've refunded $129.99 for order 1001."));

        var (turn, sink) = await TurnAsync("yes");

        Assert.Single(_tools.Calls, c => c.Tool == "issue_refund");
        Assert.Equal(["ok", "refused"], sink.Events.OfType<ToolResultEvent>().Where(r => r.Tool == "issue_refund").Select(r => r.Outcome));
        Assert.Null(turn.Handoff);
        Assert.Contains("refunded $129.99", turn.Reply);
    }

    // --- malformed argument JSON ---------------------------------------------------------------------------------

    [Fact]
    public async Task Unreadable_arguments_go_back_to_the_model_which_gets_one_more_try()
    {
        _model.Enqueue(
            FakeReply.Call("get_order", """{"order_id": "1001" """),
            FakeReply.Call("get_order", """{"order_id":"1001"}"""),
            FakeReply.Say("Order 1001 was delivered on November 5th."));

        var (turn, sink) = await TurnAsync("refund status of order 1001?");

        Assert.Null(turn.Handoff);
        Assert.Single(ModelCalls);
        Assert.Equal(["error", "ok"], ModelResults(sink).Select(r => r.Outcome));
        var told = _model.Requests[1].Messages.Single(m => m.Role == "tool" && m.ToolCallId!.StartsWith("s1_")).Content!;
        Assert.Contains("not a valid JSON object", told);
        Assert.Contains("invalid_arguments", told);
        Assert.Contains("Order 1001 was delivered", turn.Reply);
    }

    [Fact]
    public async Task Unreadable_arguments_twice_hand_the_conversation_over()
    {
        _model.Enqueue(
            FakeReply.Call("get_order", """{"order_id": "1001" """),
            FakeReply.Call("get_order", "order_id=1001"));

        var (turn, _) = await TurnAsync("refund status of order 1001?");

        Assert.Empty(ModelCalls);
        Assert.Equal(Escalation.Reasons.InvalidToolArguments, turn.Handoff?.Reason);
        Assert.Contains("A person will reply here shortly", turn.Reply);
        Assert.Equal(2, _model.Requests.Count);
    }

    // --- text before tool calls ----------------------------------------------------------------------------------

    [Fact]
    public async Task Text_before_tool_calls_is_checked_with_the_reply_and_kept_in_the_history()
    {
        const string Preamble = "I've issued your refund for order 1001.";
        _model.Enqueue(
            FakeReply.SayThenCall(Preamble, FakeToolCall.Of("get_order", """{"order_id":"1001"}""")),
            FakeReply.Say("Is there anything else I can help with?"),
            FakeReply.Say("You're welcome."));

        var (turn, _) = await TurnAsync("I want a refund for order 1001");

        Assert.StartsWith(Preamble, turn.Reply);
        Assert.Contains("Is there anything else I can help with?", turn.Reply);
        // No issue_refund ran, so the promise made before the tool call is corrected like one in a final reply.
        Assert.Contains("no refund has been issued", turn.Reply);
        var inTurn = _model.Requests[1].Messages.Single(m => m.Role == "assistant" && m.ToolCalls.Any(c => c.Id.StartsWith("s1_")));
        Assert.Equal(Preamble, inTurn.Content);

        await TurnAsync("thanks, refund question answered");
        Assert.Contains(_model.Requests[2].Messages, m => m.Role == "assistant" && m.Content!.StartsWith(Preamble) && m.Content.Contains("anything else"));
    }

    // --- reasoning content ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reasoning_is_never_shown_to_the_customer_nor_kept(bool inTheText)
    {
        const string Thought = "SECRET_REASONING the customer seems upset about 1001";
        if (inTheText) _model.Quirks.ThinkInText = Thought;
        else _model.Quirks.ReasoningContent = Thought;
        _model.Enqueue(FakeReply.Say("Your refund for order 1001 is being looked at."), FakeReply.Say("Glad to help."));

        var (turn, sink) = await TurnAsync("any news on my refund for order 1001?");

        Assert.Equal("Your refund for order 1001 is being looked at.", turn.Reply);
        Assert.DoesNotContain(sink.Events.OfType<DeltaEvent>(), d => d.Text.Contains("SECRET") || d.Text.Contains("think>"));
        await TurnAsync("ok thanks, that's the refund sorted");
        Assert.DoesNotContain(_model.Requests[1].Messages, m => m.Content?.Contains("SECRET") == true);
    }

    // --- rate limits, server errors, timeouts ----------------------------------------------------------------------

    [Fact]
    public async Task A_rate_limit_is_retried_after_the_wait_the_server_asks()
    {
        _model.FailNext(FakeFault.RateLimited(seconds: 1));
        _model.Enqueue(FakeReply.Say("Order 1001 was delivered; your refund can start once it's back with us."));

        var (turn, _) = await TurnAsync("refund for order 1001?");

        Assert.Null(turn.Handoff);
        Assert.Contains("Order 1001 was delivered", turn.Reply);
        Assert.Equal([429, 200], _model.Requests.Select(r => r.StatusCode));
        // Retry-After: 1 was honoured (a lower bound only: the machine may be slow, never faster than asked).
        Assert.True(Stopwatch.GetElapsedTime(_model.Requests[0].CompletedAt, _model.Requests[1].ReceivedAt) >= TimeSpan.FromMilliseconds(950));
    }

    public static TheoryData<string> PersistentFailures => new() { "429", "500", "503" };

    [Theory]
    [MemberData(nameof(PersistentFailures))]
    public async Task A_provider_that_keeps_failing_gets_bounded_retries_then_a_polite_handoff(string status)
    {
        FakeFault Fault() => status == "429" ? FakeFault.RateLimited(milliseconds: 20) : FakeFault.ServerError(int.Parse(status), retryAfterSeconds: 0);
        _model.FailNext(Enumerable.Range(0, MaxRetries + 3).Select(_ => Fault()).ToArray());

        var (turn, sink) = await TurnAsync("refund for order 1001?");

        Assert.Equal(MaxRetries + 1, _model.Requests.Count);
        Assert.Equal(Escalation.Reasons.ModelUnavailable, turn.Handoff?.Reason);
        Assert.Contains("I'm having trouble putting an answer together right now", turn.Reply);
        Assert.DoesNotContain(status, turn.Reply);
        Assert.NotNull(turn.CheckpointId);
        Assert.Contains(sink.Events, e => e is DeltaEvent);
    }

    [Fact]
    public async Task Through_the_api_a_provider_outage_ends_the_turn_with_a_handoff_and_both_messages_stored()
    {
        await using var api = await InProcessApi.StartAsync(fixture.App, new Dictionary<string, string?>
        {
            ["Models:Agent:Provider"] = "OpenAI",
            ["Models:Agent:Endpoint"] = _model.Endpoint.ToString(),
            ["Models:Agent:Model"] = "fake-agent",
            ["Models:Agent:MaxRetries"] = MaxRetries.ToString(),
        });
        _model.FailNext(Enumerable.Range(0, MaxRetries + 1).Select(_ => FakeFault.ServerError(503, retryAfterSeconds: 0)).ToArray());
        var http = api.CreateClient();
        var token = (await (await http.PostAsJsonAsync("/api/dev/token", new { subject = "cust_004", role = "customer" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var customer = new SupportClient(http, "cust_004", "customer");
        var thread = await customer.NewThreadAsync();

        var turn = await customer.SayAsync(thread, "I'd like a refund for order 1019 please");

        Assert.DoesNotContain("error", turn.Types);
        Assert.Equal(Escalation.Reasons.ModelUnavailable, turn.Handoff?.Str("reason"));
        Assert.Equal(MaxRetries + 1, _model.Requests.Count);
        var view = await customer.GetThreadAsync(thread);
        Assert.Equal("awaiting_human", view.GetProperty("status").GetString());
        var messages = view.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(("customer", "I'd like a refund for order 1019 please"), (messages[0].GetProperty("role").GetString(), messages[0].GetProperty("text").GetString()));
        Assert.Contains("I'm having trouble putting an answer together right now", messages[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_wait_longer_than_the_cap_is_not_retried()
    {
        _model.FailNext(FakeFault.RateLimited(seconds: 600));

        var (turn, _) = await TurnAsync("refund for order 1001?");

        Assert.Single(_model.Requests);
        Assert.Equal(Escalation.Reasons.ModelUnavailable, turn.Handoff?.Reason);
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_is_retried_then_hands_over()
    {
        _model.FailNext(new FakeFault.Stall(TimeSpan.FromMinutes(1)), new FakeFault.Stall(TimeSpan.FromMinutes(1)));

        var (turn, _) = await TurnAsync("refund for order 1001?", attemptTimeoutSeconds: 1);

        Assert.Equal(MaxRetries + 1, _model.Requests.Count);
        Assert.Equal(Escalation.Reasons.ModelUnavailable, turn.Handoff?.Reason);
        Assert.Contains("A person will reply here shortly", turn.Reply);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_and_the_turn_answers()
    {
        _model.FailNext(new FakeFault.Stall(TimeSpan.FromMinutes(1)));
        _model.Enqueue(FakeReply.Say("Order 1001 is eligible for a refund."));

        var (turn, _) = await TurnAsync("refund for order 1001?", attemptTimeoutSeconds: 1);

        Assert.Null(turn.Handoff);
        Assert.Equal("Order 1001 is eligible for a refund.", turn.Reply);
        Assert.Equal(2, _model.Requests.Count);
    }

    // --- content filter ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_content_filter_hands_over_politely_without_the_filters_words(bool promptRefused)
    {
        _model.FailNext(promptRefused ? FakeFault.PromptFiltered() : new FakeFault.ContentFiltered());

        var (turn, sink) = await TurnAsync("refund for order 1001 please");

        Assert.Equal(Escalation.Reasons.ContentFiltered, turn.Handoff?.Reason);
        Assert.Contains("I'm not able to answer that here", turn.Reply);
        foreach (var word in new[] { "filter", "policy", "hate", "severity", "Azure" })
            Assert.DoesNotContain(word, turn.Reply, StringComparison.OrdinalIgnoreCase);
        Assert.Single(_model.Requests);
        Assert.DoesNotContain(sink.Events.OfType<DeltaEvent>(), d => d.Text.Contains("filter", StringComparison.OrdinalIgnoreCase));
    }

    // --- empty choices -------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_empty_answer_is_asked_again_once()
    {
        _model.FailNext(new FakeFault.EmptyChoices());
        _model.Enqueue(FakeReply.Say("Order 1001 can be refunded."));

        var (turn, _) = await TurnAsync("refund for order 1001?");

        Assert.Null(turn.Handoff);
        Assert.Equal("Order 1001 can be refunded.", turn.Reply);
        Assert.Equal(2, _model.Requests.Count);
    }

    [Fact]
    public async Task Empty_answers_twice_hand_over_instead_of_failing_the_turn()
    {
        _model.FailNext(new FakeFault.EmptyChoices(), new FakeFault.EmptyChoices());

        var (turn, _) = await TurnAsync("refund for order 1001?");

        Assert.Equal(Escalation.Reasons.ModelUnavailable, turn.Handoff?.Reason);
        Assert.Equal(2, _model.Requests.Count);
    }

    // --- streams without usage -----------------------------------------------------------------------------------

    [Fact]
    public async Task A_stream_without_usage_is_counted_from_an_estimate()
    {
        _model.Quirks.OmitUsage = true;
        _model.Enqueue(FakeReply.Say("Your refund for order 1001 was issued on Monday and takes 5 to 10 business days."));

        var (turn, _) = await TurnAsync("when does my refund for order 1001 arrive?");

        Assert.True(Assert.Single(_model.Requests).IncludeUsage);
        // The router (offline) reports a few tokens of its own; the agent's answer is estimated at ~4 characters a token.
        Assert.True(turn.Usage.OutputTokens >= turn.Reply.Length / 4, $"output tokens {turn.Usage.OutputTokens}");
        Assert.True(turn.Usage.InputTokens > 0);
        Assert.StartsWith("Your refund for order 1001", turn.Reply);
    }

    private async Task<long> AuditedAsync(string tool, string outcome)
    {
        await using var db = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("support"));
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM tool_calls WHERE thread_id = @t AND tool = @tool AND outcome = @outcome", db);
        count.Parameters.AddWithValue("t", _thread);
        count.Parameters.AddWithValue("tool", tool);
        count.Parameters.AddWithValue("outcome", outcome);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
