using System.Text.Json;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Models;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;

namespace SupportAgent.Tests.Models;

/// <summary>
/// The router role with a model (issue 17, items 2 and 4a), against the fake OpenAI server over real HTTP: the local
/// classifier first, the model only when it is unsure, structured output or plain text as configured, sampling and
/// token settings only when configured and in the field the server knows, the recent conversation in the request,
/// and the local classifier's lane whenever the model's answer cannot be used.
/// </summary>
public sealed class ModelRouterTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<ModelHost> HostAsync(double localConfidence, params (string Key, string Value)[] router)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Models:Router:Provider"] = "OpenAI",
            ["Models:Router:Endpoint"] = _server.Endpoint.ToString(),
            ["Models:Router:Model"] = "fake-router",
            ["Models:Router:MaxRetries"] = "1",
        };
        foreach (var (key, value) in router) settings[$"Models:Router:{key}"] = value;
        return ModelHost.StartAsync(settings, new FixedIntentClassifier(Lanes.Refund, localConfidence));
    }

    [Fact]
    public async Task A_sure_local_classifier_routes_without_asking_the_model()
    {
        await using var host = await HostAsync(localConfidence: 0.93);

        var choice = await host.LaneRouter.RouteAsync("I want my money back for order 1042", null, [], default);

        Assert.Equal((Lanes.Refund, 0.93, LaneRouter.Sources.Local), (choice.Lane, choice.Confidence, choice.Source));
        Assert.Empty(_server.Requests);
        Assert.Equal(TokenUsage.Zero, choice.Usage);
    }

    [Fact]
    public async Task An_unsure_classifier_asks_the_model_with_the_lane_schema_the_recent_turns_and_no_unset_sampling()
    {
        await using var host = await HostAsync(localConfidence: 0.40);
        _server.Enqueue(FakeReply.Say("""{"lane":"SHIPPING","confidence":0.88}"""));
        HistoryLine[] earlier =
        [
            new("customer", "my parcel for order 1042 never came"),
            new("assistant", "I'm sorry - order 1042 shows as delivered on Monday. Would you like a replacement?"),
        ];

        var choice = await host.LaneRouter.RouteAsync("yes the second option", Lanes.Shipping, earlier, default);

        Assert.Equal((Lanes.Shipping, 0.88, LaneRouter.Sources.Model), (choice.Lane, choice.Confidence, choice.Source));
        Assert.True(choice.Usage.InputTokens > 0);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("json_schema", request.ResponseFormat);
        var schema = request.Body.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema");
        Assert.Equal(Lanes.All, schema.GetProperty("properties").GetProperty("lane").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        // Reasoning models refuse these: nothing is sent unless configured.
        Assert.All(["temperature", "top_p", "seed", "max_tokens", "max_completion_tokens"], field => Assert.False(request.Has(field), field));
        var user = request.Messages.Last(m => m.Role == "user").Content!;
        Assert.Contains("customer: my parcel for order 1042 never came", user);
        Assert.Contains("support: I'm sorry - order 1042 shows as delivered", user);
        Assert.Contains("<customer_message>\nyes the second option\n</customer_message>", user);
    }

    [Fact]
    public async Task A_reasoning_model_that_refuses_sampling_parameters_is_asked_successfully_by_default()
    {
        await using var host = await HostAsync(localConfidence: 0.40);
        foreach (var field in FakeQuirks.ReasoningModelRejects) _server.Quirks.RejectedFields.Add(field);
        _server.Enqueue(FakeReply.Say("""{"lane":"ORDER_LOOKUP","confidence":0.7}"""));

        var choice = await host.LaneRouter.RouteAsync("what was in that order?", null, [], default);

        Assert.Equal((Lanes.OrderLookup, LaneRouter.Sources.Model), (choice.Lane, choice.Source));
        Assert.Equal(200, Assert.Single(_server.Requests).StatusCode);
    }

    [Theory]
    [InlineData("I think this is probably about a refund, but I'm not sure.")]
    [InlineData("""{"lane":"BILLING","confidence":0.9}""")]
    [InlineData("""{"lane":"REFUND","confid""")]
    [InlineData("")]
    public async Task An_answer_that_names_no_lane_falls_back_to_the_local_classifier_not_to_general(string answer)
    {
        await using var host = await HostAsync(localConfidence: 0.45);
        _server.Enqueue(FakeReply.Say(answer));

        var choice = await host.LaneRouter.RouteAsync("the thing I bought", null, [], default);

        Assert.Equal((Lanes.Refund, 0.45, LaneRouter.Sources.LocalAfterModel), (choice.Lane, choice.Confidence, choice.Source));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_failing_router_model_is_retried_then_the_local_classifier_routes()
    {
        await using var host = await HostAsync(localConfidence: 0.45);
        _server.FailNext(FakeFault.ServerError(500), FakeFault.RateLimited(milliseconds: 10));

        var choice = await host.LaneRouter.RouteAsync("the thing I bought", null, [], default);

        Assert.Equal((Lanes.Refund, 0.45, LaneRouter.Sources.LocalAfterModel), (choice.Lane, choice.Confidence, choice.Source));
        Assert.Equal([500, 429], _server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Text_format_sends_no_response_format_and_reads_a_lane_out_of_thinking_and_fences()
    {
        await using var host = await HostAsync(localConfidence: 0.40, ("ResponseFormat", "Text"));
        _server.Quirks.RejectedFields.Add("response_format");
        _server.Enqueue(FakeReply.Say("<think>The customer says {parcel}; lost parcels are SHIPPING.</think>\n```json\n{\"lane\": \"SHIPPING\", \"confidence\": 0.8}\n```"));

        var choice = await host.LaneRouter.RouteAsync("parcel never showed up", null, [], default);

        Assert.Equal((Lanes.Shipping, 0.8, LaneRouter.Sources.Model), (choice.Lane, choice.Confidence, choice.Source));
        Assert.Null(Assert.Single(_server.Requests).ResponseFormat);
    }

    [Theory]
    [InlineData("MaxCompletionTokens", "max_completion_tokens", "max_tokens")]
    [InlineData("MaxTokens", "max_tokens", "max_completion_tokens")]
    public async Task Configured_sampling_and_token_limit_are_sent_in_the_field_the_server_knows(string dialect, string sent, string refused)
    {
        await using var host = await HostAsync(localConfidence: 0.40,
            ("MaxOutputTokens", "300"), ("TokenLimitField", dialect), ("Temperature", "0.2"), ("Seed", "11"), ("ResponseFormat", "Json"));
        _server.Quirks.RejectedFields.Add(refused);
        _server.Enqueue(FakeReply.Say("""{"lane":"GENERAL","confidence":0.66}"""));

        var choice = await host.LaneRouter.RouteAsync("hello there", null, [], default);

        Assert.Equal((Lanes.General, LaneRouter.Sources.Model), (choice.Lane, choice.Source));
        var request = Assert.Single(_server.Requests);
        Assert.Equal(300, request.Number(sent));
        Assert.False(request.Has(refused));
        Assert.Equal(0.2, request.Temperature!.Value, 3);
        Assert.Equal(11, request.Seed);
        Assert.Equal("json_object", request.ResponseFormat);
    }

    [Fact]
    public void Router_reply_parsing_tells_answers_from_noise()
    {
        Assert.True(RouterReply.TryParse(" REFUND. ", out var bare));
        Assert.Equal(new RouterReply(Lanes.Refund, RouterReply.UnstatedConfidence), bare);
        Assert.True(RouterReply.TryParse("""{"lane":"shipping"}""", out var noConfidence));
        Assert.Equal(new RouterReply(Lanes.Shipping, RouterReply.UnstatedConfidence), noConfidence);
        Assert.False(RouterReply.TryParse("<think>REFUND or SHIPPING?", out _));
        Assert.False(RouterReply.TryParse("I'm sorry, I can't help with that.", out _));
        Assert.Equal(JsonValueKind.Object, RouterPromptSchema().ValueKind);
    }

    private static JsonElement RouterPromptSchema() => SupportAgent.Api.Agents.Prompts.RouterPrompt.Schema;
}
