using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Agent;

/// <summary>A tool call of the current turn together with the envelope the tool node sent back.</summary>
internal sealed record ToolObservation(string CallId, string Tool, IDictionary<string, object?> Arguments, ToolResult Result)
{
    // Order ids arrive as JSON numbers from the ToolsService and as strings from other tools or models: accept both.
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new NumberOrStringConverter() } };

    public string Outcome => Result.Outcome;

    public string? OrderId => Argument("order_id");

    public string? Argument(string name) => Arguments.TryGetValue(name, out var value) ? value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement e => e.GetRawText(),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    } : null;

    /// <summary>The envelope's data in the shape of <typeparamref name="T"/>, or null when absent or malformed.</summary>
    public T? Data<T>() where T : class
    {
        if (Result.Data is not { ValueKind: JsonValueKind.Object } data) return null;
        try { return data.Deserialize<T>(Web); }
        catch (JsonException) { return null; }
    }

    /// <summary>
    /// Reads a function result as the tool envelope, whatever form the graph passed it in (JSON string, JsonElement,
    /// the record itself). Anything unreadable counts as an error, never as success.
    /// </summary>
    public static ToolResult ReadEnvelope(object? result)
    {
        if (result is ToolResult envelope) return envelope;
        try
        {
            var element = result switch
            {
                JsonElement e => e,
                string s => JsonDocument.Parse(s).RootElement.Clone(),
                null => default,
                _ => JsonSerializer.SerializeToElement(result, Web),
            };
            if (element.ValueKind == JsonValueKind.Object &&
                element.Deserialize<ToolResult>() is { Outcome: { Length: > 0 } } parsed)
                return parsed;
        }
        catch (JsonException)
        {
        }
        return new ToolResult(ToolOutcomes.Error, "The tool returned an unreadable result.");
    }

    public static FunctionCallContent? FindCall(IEnumerable<ChatMessage> messages, string callId) =>
        messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().LastOrDefault(c => c.CallId == callId);
}

/// <summary>Reads a JSON number or string into a string property (ids, tracking numbers).</summary>
internal sealed class NumberOrStringConverter : System.Text.Json.Serialization.JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string or number, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
