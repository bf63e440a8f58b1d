using SupportAgent.Api.Graph;
using SupportAgent.Api.Streaming;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// Streams a turn to the customer as SSE, in the order of ARCHITECTURE.md §6. If the client goes away the stream stops
/// but the turn does not: it runs to completion and is stored.
/// </summary>
public sealed class TurnStreamResult(TurnStart start) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var sse = new SseWriter(http.Response);
        var ct = http.RequestAborted;
        http.Response.Headers["X-Turn-Id"] = start switch
        {
            TurnStart.Started s => s.TurnId,
            TurnStart.Replay r => r.TurnId,
            _ => "",
        };
        try
        {
            await sse.StartAsync(ct);
            switch (start)
            {
                case TurnStart.Started started:
                    await foreach (var e in started.Sink.Reader.ReadAllAsync(ct))
                    {
                        await sse.WriteAsync(e.Type, e, ct);
                    }
                    break;
                case TurnStart.Replay replay:
                    await sse.WriteAsync("delta", new DeltaEvent(replay.Reply), ct);
                    await sse.WriteAsync("done", new DoneEvent(replay.MessageId, 0, 0, 0m), ct);
                    break;
                case TurnStart.ToHuman toHuman:
                    await sse.WriteAsync("status", new { type = "status", status = toHuman.Status, messageId = toHuman.MessageId }, ct);
                    await sse.WriteAsync("done", new DoneEvent(toHuman.MessageId, 0, 0, 0m), ct);
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The customer left; the turn carries on in the background.
        }
    }
}
