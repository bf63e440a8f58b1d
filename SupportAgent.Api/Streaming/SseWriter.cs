using System.Text.Json;

namespace SupportAgent.Api.Streaming;

/// <summary>Writes <c>text/event-stream</c> frames; every event's data is one JSON object (ARCHITECTURE.md §6).</summary>
public sealed class SseWriter(HttpResponse response)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task StartAsync(CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(ct);
    }

    public Task WriteAsync(string type, object data, CancellationToken ct, long? id = null) =>
        WriteRawAsync(type, JsonSerializer.Serialize(data, data.GetType(), Json), ct, id);

    public async Task WriteRawAsync(string type, string json, CancellationToken ct, long? id = null)
    {
        var frame = id is null ? $"event: {type}\ndata: {json}\n\n" : $"id: {id}\nevent: {type}\ndata: {json}\n\n";
        await response.WriteAsync(frame, ct);
        await response.Body.FlushAsync(ct);
    }

    /// <summary>A comment line keeps proxies from closing an idle stream.</summary>
    public async Task KeepAliveAsync(CancellationToken ct)
    {
        await response.WriteAsync(": keep-alive\n\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
