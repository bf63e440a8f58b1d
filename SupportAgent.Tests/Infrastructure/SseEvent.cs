using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SupportAgent.Tests.Infrastructure;

public sealed record SseEvent(string Type, JsonElement Data, string? Id)
{
    public string Str(string property) => Data.TryGetProperty(property, out var v) ? v.ToString() : "";
}

/// <summary>A small, strict server-sent-events reader over a real HTTP response stream (as a browser reads it).</summary>
public static class SseReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var reader = new StreamReader(stream);
        string? type = null, id = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    yield return new SseEvent(type ?? "message", JsonDocument.Parse(string.Join("\n", data)).RootElement.Clone(), id);
                }
                type = null;
                id = null;
                data.Clear();
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": type = value; break;
                case "data": data.Add(value); break;
                case "id": id = value; break;
            }
        }
    }
}
