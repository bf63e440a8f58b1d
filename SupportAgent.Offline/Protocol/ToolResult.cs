using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAgent.Offline.Protocol;

/// <summary>The ToolsService's result envelope (docs/CONTRACTS.md). It is what the model sees as the function result.</summary>
public sealed record ToolResult(
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("data")] JsonElement? Data = null,
    [property: JsonPropertyName("idempotencyKey")] string? IdempotencyKey = null)
{
    public bool IsOk => Outcome == ToolOutcomes.Ok;
}

public static class ToolOutcomes
{
    public const string Ok = "ok";
    public const string NotFound = "not_found";
    public const string Refused = "refused";
    public const string NeedsApproval = "needs_approval";
    public const string Escalated = "escalated";
    public const string Error = "error";
}
