using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAgent.ToolsService.Tools;

public static class ToolOutcomes
{
    public const string Ok = "ok";
    public const string NotFound = "not_found";
    public const string Refused = "refused";
    public const string NeedsApproval = "needs_approval";
    public const string Escalated = "escalated";
    public const string Error = "error";
}

/// <summary>
/// The envelope every tool answers with (docs/CONTRACTS.md). Refusals are results, not HTTP errors: the agent
/// explains <see cref="Message"/> to the customer.
/// </summary>
public sealed record ToolResult(string Outcome, string Message, object? Data = null, string? IdempotencyKey = null)
{
    /// <summary>Null members are left out everywhere, so optional fields (shippedAt, carrier...) are simply absent.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Served as application/json and read by models and people: "don't" beats "don\u0027t".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ToolResult Ok(string message, object data, string? idempotencyKey = null) => new(ToolOutcomes.Ok, message, data, idempotencyKey);

    public static ToolResult NotFound(string message, object? data = null) => new(ToolOutcomes.NotFound, message, data);

    public static ToolResult Refused(string message, object? data = null, string? idempotencyKey = null) =>
        new(ToolOutcomes.Refused, message, data, idempotencyKey);

    public static ToolResult NeedsApproval(string message, object data) => new(ToolOutcomes.NeedsApproval, message, data);

    public static ToolResult Escalated(string message, object data) => new(ToolOutcomes.Escalated, message, data);

    public static ToolResult Error(string message, object? data = null, string? idempotencyKey = null) =>
        new(ToolOutcomes.Error, message, data, idempotencyKey);

    /// <summary>The model passed arguments the schema does not allow; it can read this and call again.</summary>
    public static ToolResult InvalidArguments(string message) => Error(message, new { code = "invalid_arguments" });

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
