using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportAgent.Api.Models;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;

namespace SupportAgent.Tests.Models;

/// <summary>
/// The configuration examples of README.md ("Models") for OpenAI, Azure OpenAI's v1 API, Ollama and vLLM (issue 17,
/// item 6), each pointed at the fake server with the host swapped: the request each role sends has the path, key,
/// model, token-limit field and answer format that server expects. The fake refuses the token-limit field the real
/// server would not take.
/// </summary>
public sealed class ProviderDialectTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public sealed record Dialect(string Name, string Path, string? ApiKey, string Model, string TokenLimitField, string RefusedField);

    public static TheoryData<string> Names => new() { "OpenAI", "AzureOpenAI", "Ollama", "vLLM" };

    private static Dialect Of(string name) => name switch
    {
        // Endpoint https://api.openai.com/v1
        "OpenAI" => new(name, "/v1/chat/completions", "sk-test", "gpt-4.1-mini", "MaxCompletionTokens", "max_tokens"),
        // Endpoint https://RESOURCE.openai.azure.com/openai/v1/ ; Model is the deployment's name
        "AzureOpenAI" => new(name, "/openai/v1/chat/completions", "azure-key", "support-agent", "MaxCompletionTokens", "max_tokens"),
        // Endpoint http://localhost:11434/v1 ; no key
        "Ollama" => new(name, "/v1/chat/completions", null, "llama3.1", "MaxTokens", "max_completion_tokens"),
        // Endpoint http://localhost:8000/v1 ; a key only if the server was started with --api-key
        _ => new(name, "/v1/chat/completions", null, "Qwen/Qwen2.5-7B-Instruct", "MaxTokens", "max_completion_tokens"),
    };

    private Dictionary<string, string?> Settings(Dialect dialect)
    {
        var endpoint = dialect.Name == "AzureOpenAI" ? _server.AzureEndpoint : _server.Endpoint;
        var settings = new Dictionary<string, string?>();
        foreach (var role in new[] { "Router", "Agent" })
        {
            settings[$"Models:{role}:Provider"] = "OpenAI";
            settings[$"Models:{role}:Endpoint"] = endpoint.ToString();
            settings[$"Models:{role}:Model"] = dialect.Model;
            settings[$"Models:{role}:ApiKey"] = dialect.ApiKey;
            settings[$"Models:{role}:TokenLimitField"] = dialect.TokenLimitField;
            settings[$"Models:{role}:MaxOutputTokens"] = "512";
        }
        return settings;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_dialect_sends_the_request_its_server_expects(string name)
    {
        var dialect = Of(name);
        _server.Quirks.RejectedFields.Add(dialect.RefusedField);
        await using var host = await ModelHost.StartAsync(Settings(dialect), new FixedIntentClassifier(Lanes.Refund, 0.3));
        _server.Enqueue(FakeReply.Say("""{"lane":"SHIPPING","confidence":0.9}"""), FakeReply.Say("Your parcel is on its way."));

        var route = await host.LaneRouter.RouteAsync("where is my parcel?", null, [], default);
        var tools = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_tracking", "Tracking of an order.", JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string"}}}""").RootElement)],
        };
        var text = "";
        await foreach (var update in host.Agent.GetStreamingResponseAsync("where is my parcel?", tools)) text += update.Text;

        Assert.Equal((Lanes.Shipping, LaneRouter.Sources.Model), (route.Lane, route.Source));
        Assert.Equal("Your parcel is on its way.", text);
        Assert.Equal(2, _server.Requests.Count);
        var expectedField = dialect.TokenLimitField == "MaxTokens" ? "max_tokens" : "max_completion_tokens";
        foreach (var request in _server.Requests)
        {
            Assert.Equal(200, request.StatusCode);
            Assert.Equal(dialect.Path, request.Path);
            Assert.Equal($"Bearer {dialect.ApiKey ?? "no-key"}", request.Authorization);
            Assert.Equal(dialect.Model, request.Model);
            Assert.Equal(512, request.Number(expectedField));
            Assert.False(request.Has("temperature"));
        }
        var (router, agent) = (_server.Requests[0], _server.Requests[1]);
        Assert.Equal("json_schema", router.ResponseFormat);
        Assert.False(router.Stream);
        Assert.True(agent.Stream && agent.IncludeUsage);
        Assert.Equal(["get_tracking"], agent.ToolNames);
    }
}
