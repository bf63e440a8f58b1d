using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAgent.Offline.Protocol;

/// <summary>
/// What the router model answers, for every provider: one JSON object <c>{"lane":"REFUND","confidence":0.92}</c>.
/// Anything unparsable, an unknown label or a low confidence routes to GENERAL (ARCHITECTURE.md §2).
/// </summary>
public sealed record RouterReply(
    [property: JsonPropertyName("lane")] string Lane,
    [property: JsonPropertyName("confidence")] double Confidence)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static RouterReply Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(Lanes.General, 0);
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start) return new(Lanes.Normalize(text), 0.5);
        try
        {
            var reply = JsonSerializer.Deserialize<RouterReply>(text[start..(end + 1)]);
            return reply is null ? new(Lanes.General, 0) : new(Lanes.Normalize(reply.Lane), Math.Clamp(reply.Confidence, 0, 1));
        }
        catch (JsonException)
        {
            return new(Lanes.General, 0);
        }
    }
}
