using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// A customer or agent talking to the running Api over real HTTP: signs in through the development endpoint and
/// reads streamed turns event by event.
/// </summary>
public sealed class SupportClient(HttpClient http, string subject, string role)
{
    public HttpClient Http { get; } = http;
    public string Subject { get; } = subject;

    public static Task<SupportClient> SignInAsync(DistributedApplication app, string subject, string role = "customer") =>
        SignInAsync(app.CreateHttpClient("api", "http"), subject, role);

    /// <summary>Signs in against one Api instance directly, e.g. one replica, bypassing Aspire's proxy.</summary>
    public static Task<SupportClient> SignInAsync(Uri api, string subject, string role = "customer") =>
        SignInAsync(new HttpClient { BaseAddress = api }, subject, role);

    private static async Task<SupportClient> SignInAsync(HttpClient http, string subject, string role)
    {
        http.Timeout = TimeSpan.FromMinutes(2);
        var response = await http.PostAsJsonAsync("/api/dev/token", new { subject, role });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new SupportClient(http, subject, role);
    }

    public string Token => Http.DefaultRequestHeaders.Authorization!.Parameter!;

    public async Task<string> NewThreadAsync()
    {
        var response = await Http.PostAsync("/api/threads", null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public Task<HttpResponseMessage> PostMessageAsync(string threadId, string text, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/threads/{threadId}/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { text }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    /// <summary>Sends a message and reads the whole streamed turn.</summary>
    public async Task<Turn> SayAsync(string threadId, string text, string? idempotencyKey = null)
    {
        using var response = await PostMessageAsync(threadId, text, idempotencyKey);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<SseEvent>();
        await foreach (var e in ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync())) events.Add(e);
        return new Turn(events);
    }

    public async Task<JsonElement> GetThreadAsync(string threadId) =>
        await Http.GetFromJsonAsync<JsonElement>($"/api/threads/{threadId}");

    /// <summary>Polls until the thread satisfies <paramref name="condition"/> (a turn completes in the background).</summary>
    public async Task<JsonElement> WaitForThreadAsync(string threadId, Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var thread = await GetThreadAsync(threadId);
            if (condition(thread)) return thread;
            await Task.Delay(200, cts.Token);
        }
    }
}

public sealed record Turn(IReadOnlyList<SseEvent> Events)
{
    public string Reply => string.Concat(Events.Where(e => e.Type == "delta").Select(e => e.Str("text")));
    public IEnumerable<string> Types => Events.Select(e => e.Type);
    public string? Lane => Events.FirstOrDefault(e => e.Type == "route")?.Str("lane");
    public IEnumerable<string> ToolsCalled => Events.Where(e => e.Type == "tool_call").Select(e => e.Str("tool"));
    public SseEvent? Handoff => Events.FirstOrDefault(e => e.Type == "handoff");
    public SseEvent Done => Events.Single(e => e.Type == "done");
    public string Outcome(string tool) => Events.LastOrDefault(e => e.Type == "tool_result" && e.Str("tool") == tool)?.Str("outcome") ?? "";
}
