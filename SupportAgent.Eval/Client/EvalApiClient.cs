using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SupportAgent.Eval.Client;

/// <summary>
/// The eval talks to the Api the way a customer and a support agent do: development sign-in, threads, streamed
/// turns, and the agent's view of a thread (with the tool-call audit). Rate limiting is waited out, not failed.
/// </summary>
public sealed class EvalApiClient(HttpClient http) : IDisposable
{
    private const int MaxRateLimitWaits = 20;
    private const int MaxBusyWaits = 100;
    private static readonly TimeSpan BusyWait = TimeSpan.FromMilliseconds(200);

    public static EvalApiClient Create(Uri api) => new(new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(3) });

    public Uri BaseAddress => http.BaseAddress!;

    public async Task<string> TokenAsync(string subject, string role, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/dev/token", new { subject, role }, ct);
        await EnsureAsync(response, $"sign in as {role} {subject}", ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString()!;
    }

    public async Task<JsonElement> DevCustomersAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>("/api/dev/customers", ct);

    public async Task<string> CreateThreadAsync(string token, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, "/api/threads", token);
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, "start a thread", ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Sends a message and reads the whole streamed turn.</summary>
    public async Task<IReadOnlyList<SseEvent>> SendAsync(string token, string threadId, string text, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = Request(HttpMethod.Post, $"/api/threads/{threadId}/messages", token);
            request.Content = new StringContent(JsonSerializer.Serialize(new { text }), Encoding.UTF8, "application/json");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRateLimitWaits)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5), ct);
                continue;
            }
            // The previous turn's stream has ended but the Api may not have released the thread yet.
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < MaxBusyWaits
                && (await response.Content.ReadAsStringAsync(ct)).Contains("turn_in_progress", StringComparison.Ordinal))
            {
                await Task.Delay(BusyWait, ct);
                continue;
            }
            await EnsureAsync(response, "send a message", ct);
            return await ServerSentEvents.ReadAllAsync(await response.Content.ReadAsStreamAsync(ct), ct);
        }
    }

    public async Task<JsonElement> ThreadAsync(string token, string threadId, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"/api/threads/{threadId}", token);
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, "read the thread", ct);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>The customer confirms the problem is solved, so the Api's own metrics count the thread as resolved.</summary>
    public async Task ResolveAsync(string token, string threadId, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"/api/threads/{threadId}/resolve", token);
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, "resolve the thread", ct);
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new HttpRequestException($"Could not {what}: {(int)response.StatusCode} {body}", null, response.StatusCode);
    }
}
