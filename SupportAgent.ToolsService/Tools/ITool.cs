using System.Text.Json;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// One tool: its declaration (name, description, JSON schema), which is the only copy the agents ever see, and its
/// execution with policy enforced in code.
/// </summary>
public interface ITool
{
    string Name { get; }

    string Description { get; }

    /// <summary>A JSON schema object for the arguments.</summary>
    JsonElement Parameters { get; }

    Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct);
}

/// <param name="CustomerId">From the token's subject, never from the arguments.</param>
public sealed record ToolCall(string CustomerId, string ThreadId, string CallId, ToolArguments Arguments);

public sealed record ToolDeclaration(string Name, string Description, JsonElement Parameters);

public static class ToolSchema
{
    public static JsonElement Parse(string schema) => JsonDocument.Parse(schema).RootElement.Clone();
}
