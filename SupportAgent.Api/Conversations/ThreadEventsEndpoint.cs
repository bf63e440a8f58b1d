using System.Security.Claims;
using SupportAgent.Api.Http;
using SupportAgent.Api.Streaming;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// <c>GET /api/threads/{id}/events</c>: the thread's durable event log as SSE, from after <c>Last-Event-ID</c>
/// (header, or <c>lastEventId</c> query for clients that reconnect by hand), then live.
/// </summary>
public static class ThreadEventsEndpoint
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(
        string id, HttpContext http, ClaimsPrincipal user, ThreadAccess access, ThreadEventStore events, ThreadEventHub hub,
        IHostApplicationLifetime lifetime)
    {
        // Long-lived streams end when the Api stops, so a restart is quick; clients reconnect with Last-Event-ID.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = linked.Token;
        if (await access.FindAsync(id, user, ct) is null)
        {
            await Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.ThreadNotFound, "Thread not found").ExecuteAsync(http);
            return;
        }
        var lastId = ParseLastEventId(http.Request);
        using var signal = new SemaphoreSlim(0);
        using var subscription = hub.Subscribe(id, signal);
        var sse = new SseWriter(http.Response);
        try
        {
            await sse.StartAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                foreach (var e in await events.ReadAfterAsync(id, lastId, ct))
                {
                    await sse.WriteRawAsync(e.Type, e.Data, ct, e.Id);
                    lastId = e.Id;
                }
                if (!await signal.WaitAsync(KeepAlive, ct)) await sse.KeepAliveAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (IOException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static long ParseLastEventId(HttpRequest request)
    {
        var raw = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        return long.TryParse(raw, out var id) && id > 0 ? id : 0;
    }
}
