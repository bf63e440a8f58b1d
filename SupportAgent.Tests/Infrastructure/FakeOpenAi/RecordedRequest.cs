using System.Text.Json;

namespace SupportAgent.Tests.Infrastructure.FakeOpenAi;

/// <summary>A chat completions request as the fake server received it, for assertions on what a client sent.</summary>
public sealed class RecordedRequest(JsonElement body, string? authorization)
{
    public JsonElement Body { get; } = body;

    public string? Authorization { get; } = authorization;

    public string? Model => Str(Body, "model");

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
