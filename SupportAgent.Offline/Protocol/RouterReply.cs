using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Protocol;

/// <summary>
/// What the router model answers, for every provider: one JSON object <c>{"lane":"REFUND","confidence":0.92}</c>.
/// <see cref="Parse"/> reads anything, an unparsable answer as GENERAL (ARCHITECTURE.md §2); <see cref="TryParse"/>
/// tells an answer from noise, so the graph can fall back to the local classifier instead.
/// </summary>
public sealed partial record RouterReply(
    [property: JsonPropertyName("lane")] string Lane,
    [property: JsonPropertyName("confidence")] double Confidence)
{
    /// <summary>A lane named without a confidence: believed about as much as a coin toss between two lanes.</summary>
    public const double UnstatedConfidence = 0.5;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static RouterReply Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new(Lanes.General, 0);
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start) return new(Lanes.Normalize(text), UnstatedConfidence);
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

    /// <summary>
    /// A real model's answer: the JSON object (after any <c>&lt;think&gt;</c> block or markdown fence a model wrapped it
    /// in), or a bare lane label. False when it names no known lane: an unknown label, a refusal, prose, truncated JSON.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RouterReply? reply)
    {
        reply = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = ThinkBlock().Replace(text, "").Trim();
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            var label = text.Trim('`', '"', '\'', '.', ' ', '\n', '\r', '\t').ToUpperInvariant().Replace(' ', '_').Replace('-', '_');
            if (!Lanes.All.Contains(label)) return false;
            reply = new(label, UnstatedConfidence);
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(text[start..(end + 1)]);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("lane", out var lane) || lane.ValueKind != JsonValueKind.String
                || Lanes.All.FirstOrDefault(l => l == lane.GetString()!.Trim().ToUpperInvariant()) is not { } known)
            {
                return false;
            }
            var confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number
                ? Math.Clamp(c.GetDouble(), 0, 1)
                : UnstatedConfidence;
            reply = new(known, confidence);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"<think>.*?(</think>|$)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ThinkBlock();
}
