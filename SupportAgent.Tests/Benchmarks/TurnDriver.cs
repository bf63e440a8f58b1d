using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Benchmarks;

/// <summary>One customer turn as the client saw it. Times are milliseconds from just before the POST was sent.</summary>
public sealed record TurnSample(
    string Kind, int Turn, string TraceId, long SentAt, double FirstResponseMs, double CompletedMs,
    string? Lane, string? Error, IReadOnlyList<string> ToolOutcomes)
{
    public bool Ok => Error is null;
}

/// <summary>The figures of one concurrency level: every turn, and the wall time the whole level took.</summary>
public sealed record LevelResult(int Concurrency, int Conversations, IReadOnlyList<TurnSample> Turns, TimeSpan Wall)
{
    public int Failed => Turns.Count(t => !t.Ok);
    public double TurnsPerSecond => Turns.Count(t => t.Ok) / Wall.TotalSeconds;
    public Distribution FirstResponse => Distribution.Of(Turns.Where(t => t.Ok).Select(t => t.FirstResponseMs));
    public Distribution Completed => Distribution.Of(Turns.Where(t => t.Ok).Select(t => t.CompletedMs));
}

/// <summary>
/// Drives conversations through the public API exactly as the chat page does (POST the message, read the SSE
/// stream) and times each turn from the POST to its first <c>delta</c> event. Each turn carries its own W3C trace
/// id, so a fake model server can tell which of its calls served which turn.
/// </summary>
public static class TurnDriver
{
    public static async Task<LevelResult> RunLevelAsync(BenchApp app, IReadOnlyList<ConversationPlan> plans, int concurrency)
    {
        // Threads are opened (and customers signed in) before the clock starts: the level times turns.
        var prepared = await Task.WhenAll(plans.Select(async plan =>
        {
            var client = await app.ClientAsync(plan.CustomerId);
            return (plan, client, thread: await client.NewThreadAsync());
        }));

        using var gate = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        var conversations = await Task.WhenAll(prepared.Select(async p =>
        {
            await gate.WaitAsync();
            try
            {
                var samples = new List<TurnSample>();
                for (var i = 0; i < p.plan.Messages.Count; i++)
                    samples.Add(await TimeTurnAsync(p.client, p.thread, p.plan.Messages[i], p.plan.Kind, i + 1));
                return samples;
            }
            finally
            {
                gate.Release();
            }
        }));
        clock.Stop();
        return new LevelResult(concurrency, plans.Count, conversations.SelectMany(c => c).ToList(), clock.Elapsed);
    }

    public static async Task<TurnSample> TimeTurnAsync(SupportClient client, string threadId, string text, string kind, int turn)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/threads/{threadId}/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { text }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var sentAt = Stopwatch.GetTimestamp();
        double first = double.NaN, completed = double.NaN;
        string? lane = null, error = null;
        var outcomes = new List<string>();
        try
        {
            using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                error = $"HTTP {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync())}";
            }
            else
            {
                var done = false;
                await foreach (var e in ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync()))
                {
                    switch (e.Type)
                    {
                        case "delta" when double.IsNaN(first):
                            first = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
                            break;
                        case "route":
                            lane = e.Str("lane");
                            break;
                        case "tool_result":
                            outcomes.Add($"{e.Str("tool")}:{e.Str("outcome")}");
                            break;
                        case "error":
                            error = $"error event: {e.Str("code")}";
                            break;
                        case "done":
                            done = true;
                            completed = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
                            break;
                    }
                }
                if (error is null && !done) error = "stream ended without done";
                if (error is null && double.IsNaN(first)) error = "no delta event";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or JsonException)
        {
            error = $"{ex.GetType().Name}: {Truncate(ex.Message)}";
        }
        return new TurnSample(kind, turn, traceId, sentAt, first, completed, lane, error, outcomes);
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
