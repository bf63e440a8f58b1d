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
    private readonly ConcurrentQueue<FakeFault> _faults = new();
    private readonly List<RecordedRequest> _requests = [];
    private int _completions;
    private int _rateLimitCount;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Base address the OpenAI client is given, ending in <c>/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The address an Azure OpenAI resource's v1 API has: <c>https://RESOURCE.openai.azure.com/openai/v1/</c>.</summary>
    public Uri AzureEndpoint { get; private set; } = null!;

    public string ModelName { get; set; } = "fake-model";

    /// <summary>Used when the script is empty; the default echoes the last user message.</summary>
    public Func<RecordedRequest, FakeReply>? Responder { get; set; }

    public TimeSpan TimeToFirstToken { get; set; } = TimeSpan.Zero;

    /// <summary>Pace of streamed pieces; null streams as fast as possible.</summary>
    public double? TokensPerSecond { get; set; }

    public FakeQuirks Quirks { get; } = new();

    /// <summary>The next requests fail, in order, one fault each; a faulted request does not use a scripted reply.</summary>
    public void FailNext(params FakeFault[] faults)
    {
        foreach (var fault in faults) _faults.Enqueue(fault);
    }

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
        // Azure OpenAI's v1 API: the same wire format under /openai/v1/ (AzureEndpoint).
        app.MapPost("/openai/v1/chat/completions", server.CompleteAsync);
        app.MapGet("/v1/models", () => Results.Json(ChatCompletionJson.Models(server.ModelName)));
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.First() + "/v1");
        server.AzureEndpoint = new Uri(app.Urls.First() + "/openai/v1/");
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
            Path = http.Request.Path,
        };
        lock (_requests) _requests.Add(request);

        var id = $"chatcmpl-fake-{Interlocked.Increment(ref _completions)}";
        var model = request.Model ?? ModelName;
        if (Quirks.RejectedFields.FirstOrDefault(request.Has) is { } rejected)
        {
            await FailAsync(http, request, new FakeFault.Status(400, FakeFault.Error(
                $"Unsupported parameter: '{rejected}' is not supported with this model.", "invalid_request_error", "unsupported_parameter", rejected),
                new Dictionary<string, string>()));
            return;
        }
        if (Quirks.RateLimitEvery > 0 && Interlocked.Increment(ref _rateLimitCount) % Quirks.RateLimitEvery == 0)
        {
            var limited = (FakeFault.Status)FakeFault.RateLimited(seconds: Quirks.RateLimitRetryAfterSeconds);
            request.Fault = limited;
            await FailAsync(http, request, limited);
            return;
        }
        if (_faults.TryDequeue(out var fault))
        {
            request.Fault = fault;
            switch (fault)
            {
                case FakeFault.Status status:
                    await FailAsync(http, request, status);
                    return;
                case FakeFault.Stall stall:
                    await Task.Delay(stall.Duration, http.RequestAborted);
                    break;
                case FakeFault.EmptyChoices when !request.Stream:
                    await http.Response.WriteAsJsonAsync(ChatCompletionJson.EmptyCompletion(id, model), http.RequestAborted);
                    return;
                case FakeFault.EmptyChoices:
                    await StreamAsync(http, request, ChatCompletionJson.EmptyChunks(id, model));
                    return;
                case FakeFault.ContentFiltered when !request.Stream:
                    await http.Response.WriteAsJsonAsync(ChatCompletionJson.FilteredCompletion(id, model), http.RequestAborted);
                    return;
                case FakeFault.ContentFiltered:
                    await StreamAsync(http, request, ChatCompletionJson.FilteredChunks(id, model));
                    return;
            }
        }

        var reply = Shape(_script.TryDequeue(out var scripted) ? scripted : (Responder ?? Echo)(request));
        var prompt = reply.PromptTokens ?? request.EstimatedPromptTokens;

        if (TimeToFirstToken > TimeSpan.Zero) await Task.Delay(TimeToFirstToken, http.RequestAborted);
        if (!request.Stream)
        {
            var completion = reply.CompletionTokens ?? Pieces(reply);
            await http.Response.WriteAsJsonAsync(
                ChatCompletionJson.Completion(id, model, reply, prompt, completion, Quirks.ReasoningContent, usage: !Quirks.OmitUsage),
                http.RequestAborted);
            request.CompletedAt = Stopwatch.GetTimestamp();
            return;
        }

        var chunks = ChatCompletionJson.Deltas(id, model, reply, Quirks.ReasoningContent).Append(ChatCompletionJson.Final(id, model, reply));
        if (request.IncludeUsage && !Quirks.OmitUsage)
            chunks = chunks.Append(ChatCompletionJson.UsageChunk(id, model, prompt, reply.CompletionTokens ?? Pieces(reply)));
        await StreamAsync(http, request, chunks);
    }

    private async Task StreamAsync(HttpContext http, RecordedRequest request, IEnumerable<JsonObject> chunks)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var pieces = 0;
        foreach (var chunk in chunks)
        {
            // Pieces of the answer are paced; the finish and usage chunks follow at once, as from a real server.
            var delta = chunk["choices"]?.AsArray() is [{ } first, ..] ? first["delta"] as JsonObject : null;
            var piece = delta is not null && (delta.ContainsKey("content") || delta.ContainsKey("reasoning_content") || delta.ContainsKey("tool_calls"));
            if (piece && pieces++ > 0 && TokensPerSecond is > 0 and var tps) await Task.Delay(TimeSpan.FromSeconds(1 / tps), http.RequestAborted);
            await WriteEventAsync(http, chunk);
            if (request.FirstTextAt == 0 && chunk["choices"]?.AsArray() is [{ } choice, ..] && choice["delta"]?["content"] is JsonValue { } content
                && content.GetValue<string>().Length > 0)
            {
                request.FirstTextAt = Stopwatch.GetTimestamp();
            }
        }
        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
        request.CompletedAt = Stopwatch.GetTimestamp();
    }

    private static async Task FailAsync(HttpContext http, RecordedRequest request, FakeFault.Status status)
    {
        request.StatusCode = status.Code;
        http.Response.StatusCode = status.Code;
        foreach (var (name, value) in status.Headers) http.Response.Headers[name] = value;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(status.Body, http.RequestAborted);
        request.CompletedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>The reply as a server with the current <see cref="Quirks"/> would write it.</summary>
    private FakeReply Shape(FakeReply reply)
    {
        if (Quirks.NumberToolCallIdsPerResponse)
            reply = reply with { ToolCalls = reply.ToolCalls.Select((c, i) => c with { Id = $"call_{i}" }).ToList() };
        if (Quirks.TextBeforeToolCalls is { } preamble && reply.IsToolCall && string.IsNullOrEmpty(reply.Text))
            reply = reply with { Text = preamble };
        if (Quirks.ThinkInText is { } thought && (reply.Text is { Length: > 0 } || !reply.IsToolCall))
            reply = reply with { Text = $"<think>{thought}</think>\n\n{reply.Text}" };
        return reply;
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
