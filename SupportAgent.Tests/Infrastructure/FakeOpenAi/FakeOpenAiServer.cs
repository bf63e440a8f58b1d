using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupportAgent.Tests.Infrastructure.FakeOpenAi;

/// <summary>
/// An OpenAI-compatible chat completions server inside the test process, on real HTTP (Kestrel, 127.0.0.1, a free
/// port), so the real OpenAI client and the Microsoft.Extensions.AI adapter are exercised end to end. Replies are
/// scripted (<see cref="Enqueue"/> or <see cref="Responder"/>); every request is recorded; latency is configurable
/// (<see cref="TimeToFirstToken"/>, <see cref="TokensPerSecond"/>) for benchmarks, which read each request's timings
/// and <c>traceparent</c> from <see cref="Requests"/>.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private int _completions;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Base address the OpenAI client is given, ending in <c>/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public string ModelName { get; set; } = "fake-model";

    /// <summary>Used when the script is empty; the default echoes the last user message.</summary>
    public Func<RecordedRequest, FakeReply>? Responder { get; set; }

    public TimeSpan TimeToFirstToken { get; set; } = TimeSpan.Zero;

    /// <summary>Pace of streamed pieces; null streams as fast as possible.</summary>
    public double? TokensPerSecond { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        app.MapGet("/v1/models", () => Results.Json(ChatCompletionJson.Models(server.ModelName)));
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.First() + "/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task CompleteAsync(HttpContext http)
    {
        var body = (await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted)).RootElement.Clone();
        var request = new RecordedRequest(body, http.Request.Headers.Authorization.ToString(),
            http.Request.Headers.TryGetValue("traceparent", out var traceParent) ? traceParent.ToString() : null)
        {
            ReceivedAt = Stopwatch.GetTimestamp(),
        };
        lock (_requests) _requests.Add(request);

        var reply = _script.TryDequeue(out var scripted) ? scripted : (Responder ?? Echo)(request);
        var id = $"chatcmpl-fake-{Interlocked.Increment(ref _completions)}";
        var model = request.Model ?? ModelName;
        var prompt = reply.PromptTokens ?? request.EstimatedPromptTokens;

        if (TimeToFirstToken > TimeSpan.Zero) await Task.Delay(TimeToFirstToken, http.RequestAborted);
        if (!request.Stream)
        {
            var completion = reply.CompletionTokens ?? Pieces(reply);
            await http.Response.WriteAsJsonAsync(ChatCompletionJson.Completion(id, model, reply, prompt, completion), http.RequestAborted);
            request.CompletedAt = Stopwatch.GetTimestamp();
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var pieces = 0;
        foreach (var delta in ChatCompletionJson.Deltas(id, model, reply))
        {
            if (pieces++ > 0 && TokensPerSecond is > 0 and var tps) await Task.Delay(TimeSpan.FromSeconds(1 / tps), http.RequestAborted);
            await WriteEventAsync(http, delta);
            if (request.FirstTextAt == 0 && delta["choices"]?[0]?["delta"]?["content"] is JsonValue { } content
                && content.GetValue<string>().Length > 0)
            {
                request.FirstTextAt = Stopwatch.GetTimestamp();
            }
        }
        await WriteEventAsync(http, ChatCompletionJson.Final(id, model, reply));
        if (request.IncludeUsage)
            await WriteEventAsync(http, ChatCompletionJson.UsageChunk(id, model, prompt, reply.CompletionTokens ?? Pieces(reply)));
        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
        request.CompletedAt = Stopwatch.GetTimestamp();
    }

    private static async Task WriteEventAsync(HttpContext http, JsonObject data)
    {
        await http.Response.WriteAsync($"data: {data.ToJsonString()}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static int Pieces(FakeReply reply) => reply.IsToolCall
        ? Math.Max(1, reply.ToolCalls.Sum(c => c.Name.Length + c.ArgumentsJson.Length) / 4)
        : Math.Max(1, ChatCompletionJson.TextPieces(reply.Text ?? "").Count);

    private static FakeReply Echo(RecordedRequest request) =>
        FakeReply.Say("echo: " + (request.Messages.LastOrDefault(m => m.Role == "user")?.Content ?? ""));
}
