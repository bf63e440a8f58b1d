using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Models;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;

namespace SupportAgent.Tests.Models;

/// <summary>Provider OpenAI against the in-process fake server: the real OpenAI client over real HTTP.</summary>
public sealed class OpenAiProviderTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private ModelHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _host = await ModelHost.StartAsync(ModelHost.OpenAi(_server.Endpoint));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Non_streaming_text_reply_is_returned_with_configured_model_and_sampling()
    {
        _server.Enqueue(FakeReply.Say("Hello from the fake model."));

        var response = await _host.Agent.GetResponseAsync("Hi");

        Assert.Equal("Hello from the fake model.", response.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("fake-agent", request.Model);
        Assert.False(request.Stream);
        Assert.Equal(0, request.Temperature);
        Assert.Equal(7, request.Seed);
        Assert.Equal("Bearer test-key", request.Authorization);
    }

    [Fact]
    public async Task Streaming_text_arrives_in_several_updates()
    {
        _server.Enqueue(FakeReply.Say("Your order is on its way and should arrive on Friday."));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _host.Agent.GetStreamingResponseAsync("Where is my order?")) updates.Add(update);

        Assert.True(updates.Count(u => u.Text.Length > 0) >= 5, $"only {updates.Count} updates");
        Assert.Equal("Your order is on its way and should arrive on Friday.", string.Concat(updates.Select(u => u.Text)));
        Assert.True(Assert.Single(_server.Requests).Stream);
    }

    [Fact]
    public async Task Tool_call_round_trip_parses_arguments_and_sends_the_result_back_as_a_tool_message()
    {
        var options = new ChatOptions { Tools = [Declaration("get_order")] };
        List<ChatMessage> messages = [new(ChatRole.System, "<lane>REFUND</lane>"), new(ChatRole.User, "Refund order 1042")];
        _server.Enqueue(FakeReply.Call("get_order", """{"order_id":"1042"}""", id: "call_abc"));

        var first = await _host.Agent.GetResponseAsync(messages, options);

        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_abc", "get_order"), (call.CallId, call.Name));
        Assert.Equal("1042", call.Arguments!["order_id"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);

        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.Tool,
            [new FunctionResultContent("call_abc", """{"outcome":"ok","message":"Order found.","data":{"orderId":"1042"}}""")]));
        _server.Enqueue(FakeReply.Say("Order 1042 is delivered."));
        var second = await _host.Agent.GetResponseAsync(messages, options);

        Assert.Equal("Order 1042 is delivered.", second.Text);
        var sent = _server.Requests[1];
        Assert.Equal(["get_order"], sent.ToolNames);
        var assistant = Assert.Single(sent.Messages, m => m.Role == "assistant");
        Assert.Equal("call_abc", Assert.Single(assistant.ToolCalls).Id);
        var tool = Assert.Single(sent.Messages, m => m.Role == "tool");
        Assert.Equal("call_abc", tool.ToolCallId);
        Assert.Contains("\"outcome\":\"ok\"", tool.Content);
    }

    [Fact]
    public async Task Streamed_tool_call_deltas_assemble_into_one_function_call()
    {
        var options = new ChatOptions { Tools = [Declaration("issue_refund")] };
        _server.Enqueue(FakeReply.Call("issue_refund", """{"order_id":"1001","amount":20.5,"reason":"arrived damaged"}""", id: "call_xyz"));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _host.Agent.GetStreamingResponseAsync("yes please", options)) updates.Add(update);
        var response = updates.ToChatResponse();

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_xyz", "issue_refund"), (call.CallId, call.Name));
        Assert.Equal(20.5m, ((JsonElement)call.Arguments!["amount"]!).GetDecimal());
        Assert.Equal("arrived damaged", call.Arguments["reason"]?.ToString());
    }

    [Fact]
    public async Task Usage_is_reported_and_priced_per_role()
    {
        _server.Enqueue(FakeReply.Say("Priced.", promptTokens: 1_000, completionTokens: 500));

        var response = await _host.Agent.GetResponseAsync("How much?");
        var cost = _host.Pricing.Price(ModelRoles.Agent, response.Usage);

        Assert.Equal((1_000L, 500L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
        Assert.Equal(0.001m, cost.InputCost);
        Assert.Equal(0.001m, cost.OutputCost);
        Assert.Equal(new TokenUsage(1_000, 500, 0.002m), cost.ToTokenUsage());
    }

    [Fact]
    public async Task Streaming_usage_arrives_when_requested()
    {
        _server.Enqueue(FakeReply.Say("Counting tokens here.", promptTokens: 42, completionTokens: 4));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _host.Agent.GetStreamingResponseAsync("count")) updates.Add(update);

        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;
        Assert.Equal((42L, 4L), (usage.InputTokenCount, usage.OutputTokenCount));
        Assert.True(Assert.Single(_server.Requests).IncludeUsage);
    }

    [Fact]
    public async Task Router_role_uses_its_connection_string_and_its_reply_parses()
    {
        _server.Enqueue(FakeReply.Say("""{"lane":"REFUND","confidence":0.93}"""));

        var response = await _host.Router.GetResponseAsync("I want my money back for order 1042");
        var reply = RouterReply.Parse(response.Text);

        Assert.Equal(new RouterReply(Lanes.Refund, 0.93), reply);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("fake-router", request.Model);
        Assert.Equal("Bearer router-key", request.Authorization);
    }

    [Fact]
    public async Task Fake_server_lists_its_model_and_honours_time_to_first_token()
    {
        using var http = new HttpClient();
        var models = await http.GetStringAsync(new Uri(_server.Endpoint + "/models"));
        Assert.Contains("fake-model", models);

        _server.TimeToFirstToken = TimeSpan.FromMilliseconds(300);
        _server.Enqueue(FakeReply.Say("slow"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await _host.Agent.GetResponseAsync("hello");
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(280), started.Elapsed.ToString());
    }

    [Fact]
    public async Task Fake_server_paces_streamed_tokens()
    {
        _server.TokensPerSecond = 40;
        _server.Enqueue(FakeReply.Say("one two three four five six seven eight nine ten eleven twelve"));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var arrivals = new List<TimeSpan>();
        await foreach (var update in _host.Agent.GetStreamingResponseAsync("count to twelve"))
            if (update.Text.Length > 0) arrivals.Add(started.Elapsed);

        Assert.Equal(12, arrivals.Count);
        Assert.True(arrivals[^1] - arrivals[0] >= TimeSpan.FromMilliseconds(240), (arrivals[^1] - arrivals[0]).ToString());
    }

    private static AIFunctionDeclaration Declaration(string name) => AIFunctionFactory.CreateDeclaration(
        name, $"The {name} tool.",
        JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string"}}}""").RootElement);
}
