using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using SupportAgent.Api.Models;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;

namespace SupportAgent.Tests.Models;

/// <summary>
/// Model calls as the Aspire dashboard's GenAI view reads them: OpenTelemetry GenAI attributes on every call, and the
/// conversation's content only when <c>Models:CaptureContent</c> turns it on.
/// </summary>
public sealed class ModelTelemetryTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private ActivityListener _listener = null!;
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SupportModelsExtensions.TelemetrySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _server = await FakeOpenAiServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_model_call_is_a_gen_ai_span_with_provider_model_usage_and_tool_calls_but_no_content_by_default()
    {
        await using var host = await ModelHost.StartAsync(ModelHost.OpenAi(_server.Endpoint));
        _server.Enqueue(FakeReply.Call("get_order", """{"order_id":"1042"}""", id: "call_1"));

        await host.Agent.GetResponseAsync(
            [new(ChatRole.System, "secret instructions"), new(ChatRole.User, "my order 1042 please")],
            new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("get_order", "Looks an order up", EmptySchema)] });

        var span = Assert.Single(_spans, s => s.GetTagItem("gen_ai.request.model") as string == "fake-agent");
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.NotNull(span.GetTagItem("gen_ai.provider.name"));
        Assert.NotNull(span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.NotNull(span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Contains("tool_calls", span.GetTagItem("gen_ai.response.finish_reasons")?.ToString() ?? "");
        var everything = string.Join(" ", span.TagObjects.Select(t => $"{t.Key}={t.Value}")) + string.Join(" ",
            span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")));
        Assert.DoesNotContain("my order 1042 please", everything);
        Assert.DoesNotContain("secret instructions", everything);
        Assert.Null(span.GetTagItem("gen_ai.input.messages"));
    }

    [Fact]
    public async Task With_content_capture_on_the_span_records_the_messages()
    {
        var settings = ModelHost.OpenAi(_server.Endpoint);
        settings[SupportModelsExtensions.CaptureContentSetting] = "true";
        await using var host = await ModelHost.StartAsync(settings);
        _server.Enqueue(FakeReply.Say("It is on its way."));

        await host.Agent.GetResponseAsync([new(ChatRole.User, "where is parcel 1042")]);

        var span = Assert.Single(_spans, s => s.GetTagItem("gen_ai.request.model") as string == "fake-agent");
        Assert.Contains("where is parcel 1042", span.GetTagItem("gen_ai.input.messages")?.ToString());
        Assert.Contains("It is on its way.", span.GetTagItem("gen_ai.output.messages")?.ToString());
    }

    private static readonly System.Text.Json.JsonElement EmptySchema =
        System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"order_id":{"type":"string"}}}""").RootElement;
}
