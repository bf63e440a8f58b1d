using SupportAgent.Api.Graph;
using SupportAgent.Tests.Agents;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;

namespace SupportAgent.Tests.Models;

/// <summary>Whole specialist conversations through the OpenAI provider, the fake server answering like the offline engine.</summary>
public sealed class OpenAiConversationTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private ModelHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _server.Responder = OfflineEngineResponder.Create();
        _host = await ModelHost.StartAsync(ModelHost.OpenAi(_server.Endpoint));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refund_conversation_round_trips_tool_calls_over_http(bool streaming)
    {
        var tools = FakeTools.Seeded();
        var chat = new OfflineConversation(Lanes.Refund, tools) { Client = _host.Agent, Streaming = streaming };

        var ask = await chat.SendAsync("I'd like a refund for order 1001, it arrived broken");
        var done = await chat.SendAsync("yes");

        Assert.Equal(["get_order", "propose_refund"], ask.Tools);
        Assert.Contains("Shall I refund $129.99 for order 1001", ask.Reply);
        Assert.Equal(["issue_refund"], done.Tools);
        Assert.Contains("refunded $129.99 for order 1001", done.Reply);
        Assert.Equal(5, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal(Lanes.ToolsOf(Lanes.Refund), r.ToolNames));
        Assert.Contains(_server.Requests[^1].Messages, m => m.Role == "tool" && m.Content!.Contains("\"outcome\":\"ok\""));
    }
}
