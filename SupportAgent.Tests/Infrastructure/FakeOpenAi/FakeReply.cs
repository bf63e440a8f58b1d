namespace SupportAgent.Tests.Infrastructure.FakeOpenAi;

/// <summary>
/// One scripted answer of the fake server: text, tool calls, or text written before tool calls (as real models do:
/// "Let me check that for you." and then the call).
/// </summary>
/// <param name="PromptTokens">Reported prompt tokens; estimated from the request (chars / 4) when null.</param>
/// <param name="CompletionTokens">Reported completion tokens; the number of streamed pieces when null.</param>
public sealed record FakeReply(
    string? Text,
    IReadOnlyList<FakeToolCall> ToolCalls,
    int? PromptTokens = null,
    int? CompletionTokens = null)
{
    public static FakeReply Say(string text, int? promptTokens = null, int? completionTokens = null) =>
        new(text, [], promptTokens, completionTokens);

    public static FakeReply Call(string name, string argumentsJson, string? id = null) =>
        new(null, [new FakeToolCall(id ?? $"call_fake_{Guid.NewGuid():N}"[..18], name, argumentsJson)]);

    public static FakeReply Calls(params FakeToolCall[] calls) => new(null, calls);

    /// <summary>Text first, then the tool calls, in one answer (finish reason <c>tool_calls</c>).</summary>
    public static FakeReply SayThenCall(string text, params FakeToolCall[] calls) => new(text, calls);

    public bool IsToolCall => ToolCalls.Count > 0;
}

public sealed record FakeToolCall(string Id, string Name, string ArgumentsJson)
{
    public static FakeToolCall Of(string name, string argumentsJson) => new($"call_fake_{Guid.NewGuid():N}"[..18], name, argumentsJson);
}
