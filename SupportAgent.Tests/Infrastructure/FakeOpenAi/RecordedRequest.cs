using System.Text.Json;

namespace SupportAgent.Tests.Infrastructure.FakeOpenAi;

/// <summary>A chat completions request as the fake server received it, for assertions on what a client sent.</summary>
public sealed class RecordedRequest(JsonElement body, string? authorization, string? traceParent = null)
{
    public JsonElement Body { get; } = body;

    public string? Authorization { get; } = authorization;

    /// <summary>The W3C <c>traceparent</c> header the caller sent, if any: ties a model call to the turn that made it.</summary>
    public string? TraceParent { get; } = traceParent;

    /// <summary>Trace id of <see cref="TraceParent"/> (32 hex digits), or null.</summary>
    public string? TraceId => TraceParent?.Split('-') is [_, var traceId, _, _] ? traceId : null;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp when the request body had been read.</summary>
    public long ReceivedAt { get; internal set; }

    /// <summary>Timestamp when the first piece of reply text was flushed (streamed text replies only), else 0.</summary>
    public long FirstTextAt { get; internal set; }

    /// <summary>Timestamp when the whole answer had been written, else 0.</summary>
    public long CompletedAt { get; internal set; }

    /// <summary>The fault this request was answered with (<see cref="FakeOpenAiServer.FailNext"/>), if any.</summary>
    public FakeFault? Fault { get; internal set; }

    /// <summary>The HTTP status the fake answered (200 unless a fault or a rejected field said otherwise).</summary>
    public int StatusCode { get; internal set; } = 200;

    /// <summary>The path the request was sent to, e.g. <c>/v1/chat/completions</c>.</summary>
    public string Path { get; internal set; } = "";

    public string? Model => Str(Body, "model");

    /// <summary>Whether the request body has this top-level field (and it is not null).</summary>
    public bool Has(string field) => Body.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    public long? Number(string field) => Body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    /// <summary><c>response_format.type</c>: <c>json_schema</c>, <c>json_object</c>, or null when not sent.</summary>
    public string? ResponseFormat =>
        Body.TryGetProperty("response_format", out var format) && format.ValueKind == JsonValueKind.Object ? Str(format, "type") : null;

    public bool Stream => Body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    public bool IncludeUsage =>
        Body.TryGetProperty("stream_options", out var o) && o.ValueKind == JsonValueKind.Object
        && o.TryGetProperty("include_usage", out var u) && u.ValueKind == JsonValueKind.True;

    public double? Temperature => Body.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null;

    public long? Seed => Body.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;

    /// <summary>Names of the functions declared in <c>tools</c>.</summary>
    public IReadOnlyList<string> ToolNames =>
        Body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? tools.EnumerateArray().Select(t => Str(t.GetProperty("function"), "name")!).ToList()
            : [];

    public IReadOnlyList<RecordedMessage> Messages =>
        Body.GetProperty("messages").EnumerateArray().Select(m => new RecordedMessage(
            Str(m, "role")!,
            m.TryGetProperty("content", out var c) ? ContentText(c) : null,
            Str(m, "tool_call_id"),
            m.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array
                ? calls.EnumerateArray().Select(call => new FakeToolCall(
                    Str(call, "id")!, Str(call.GetProperty("function"), "name")!,
                    Str(call.GetProperty("function"), "arguments") ?? "")).ToList()
                : [])).ToList();

    /// <summary>Rough prompt size, for usage the script did not fix.</summary>
    public int EstimatedPromptTokens => Math.Max(1, Body.GetRawText().Length / 4);

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Content is a string, or an array of parts ({type:"text", text}).
    private static string? ContentText(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString(),
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(p => Str(p, "text") ?? "")),
        _ => null,
    };
}

public sealed record RecordedMessage(string Role, string? Content, string? ToolCallId, IReadOnlyList<FakeToolCall> ToolCalls);
