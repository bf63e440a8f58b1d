using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SupportAgent.Eval.Client;

/// <summary>One server-sent event of the Api: its name, its JSON data and its id (live streams resume from it).</summary>
public sealed record SseEvent(string Type, JsonElement Data, string? Id = null)
{
    public string Str(string property) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(property, out var v) ? v.ToString() : "";
}

/// <summary>Reads a <c>text/event-stream</c> response with the framework's <see cref="SseParser"/>, as a browser would.</summary>
public static class ServerSentEvents
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var parser = SseParser.Create(stream, static (_, data) =>
        {
            var reader = new Utf8JsonReader(data);
            return JsonElement.ParseValue(ref reader);
        });
        await foreach (var item in parser.EnumerateAsync(ct))
        {
            yield return new SseEvent(item.EventType, item.Data, item.EventId);
        }
    }

    /// <summary>The whole stream, until the server ends it.</summary>
    public static async Task<IReadOnlyList<SseEvent>> ReadAllAsync(Stream stream, CancellationToken ct = default)
    {
        var events = new List<SseEvent>();
        await foreach (var e in ReadAsync(stream, ct))
        {
            events.Add(e);
        }
        return events;
    }
}
