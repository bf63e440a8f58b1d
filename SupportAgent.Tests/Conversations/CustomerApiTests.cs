using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Conversations;

/// <summary>The customer API of ARCHITECTURE.md §6 through the running app: streaming, storage, isolation, bad input.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class CustomerApiTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task Streamed_turn_arrives_event_by_event_in_order()
    {
        var alice = await fixture.CustomerAsync("cust_001");
        var thread = await alice.NewThreadAsync();

        var turn = await alice.SayAsync(thread, "Hi, I'd like a refund for order 1001 please");

        var types = turn.Types.ToList();
        Assert.Equal("route", types[0]);
        Assert.Equal("REFUND", turn.Lane);
        Assert.Equal("done", types[^1]);
        Assert.Contains("node", types);
        Assert.Contains("get_order", turn.ToolsCalled);
        Assert.True(types.Count(t => t == "delta") > 1, "the reply should stream in several chunks");
        Assert.True(types.IndexOf("tool_result") > types.IndexOf("tool_call"));
        Assert.True(types.LastIndexOf("delta") < types.IndexOf("done"));
        Assert.Contains("129.99", turn.Reply);
        Assert.True(turn.Done.Data.GetProperty("outputTokens").GetInt64() > 0);
    }

    [Fact]
    public async Task Turn_completes_and_is_stored_when_the_customer_disconnects()
    {
        var bruno = await fixture.CustomerAsync("cust_002");
        var thread = await bruno.NewThreadAsync();
        using (var response = await bruno.PostMessageAsync(thread, "Where is my order 1014?"))
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            await foreach (var e in ServerSentEvents.ReadAsync(stream))
            {
                if (e.Type is "route") break; // hang up long before the reply is written
            }
        }

        var stored = await bruno.WaitForThreadAsync(thread, t => t.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("role").GetString() == "assistant"));
        var messages = stored.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("customer", messages[0].GetProperty("role").GetString());
        Assert.Contains("1014", messages[^1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Another_customers_thread_is_not_found()
    {
        var alice = await fixture.CustomerAsync("cust_003");
        var mallory = await fixture.CustomerAsync("cust_004");
        var thread = await alice.NewThreadAsync();
        await alice.SayAsync(thread, "hello");

        await AssertProblem(await mallory.Http.GetAsync($"/api/threads/{thread}"), HttpStatusCode.NotFound, "thread_not_found");
        await AssertProblem(await mallory.PostMessageAsync(thread, "show me this thread"), HttpStatusCode.NotFound, "thread_not_found");
        await AssertProblem(await mallory.Http.GetAsync($"/api/threads/{thread}/events"), HttpStatusCode.NotFound, "thread_not_found");
        await AssertProblem(await mallory.Http.PostAsync($"/api/threads/{thread}/feedback", Json(new { rating = 1 })), HttpStatusCode.NotFound, "thread_not_found");
    }

    public static TheoryData<string, string?, string, int, string> BadInputs => new()
    {
        { "empty text", "application/json", """{"text":""}""", 400, "message_empty" },
        { "blank text", "application/json", """{"text":"   \n\t "}""", 400, "message_empty" },
        { "no text", "application/json", """{}""", 400, "message_empty" },
        { "oversized", "application/json", JsonSerializer.Serialize(new { text = new string('a', 4001) }), 400, "message_too_long" },
        { "malformed json", "application/json", """{"text": "unterminated""", 400, "malformed_json" },
        { "wrong json type", "application/json", """{"text": 42}""", 400, "malformed_json" },
        { "wrong content type", "text/plain", "refund please", 415, "unsupported_media_type" },
        { "no content type", null, """{"text":"hi"}""", 415, "unsupported_media_type" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_message_is_a_problem_with_a_stable_code(string _, string? contentType, string body, int status, string code)
    {
        var client = await fixture.CustomerAsync("cust_005");
        var thread = await client.NewThreadAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        await AssertProblem(await client.Http.PostAsync($"/api/threads/{thread}/messages", content), (HttpStatusCode)status, code);
        var stored = await client.GetThreadAsync(thread);
        Assert.Empty(stored.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_thread_and_missing_token_are_problems()
    {
        var client = await fixture.CustomerAsync("cust_005");
        await AssertProblem(await client.PostMessageAsync("th_does_not_exist", "hi"), HttpStatusCode.NotFound, "thread_not_found");
        using var anonymous = fixture.App.CreateHttpClient("api", "http");
        await AssertProblem(await anonymous.PostAsync("/api/threads", null), HttpStatusCode.Unauthorized, "unauthorized");
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "forged.token.value");
        await AssertProblem(await anonymous.PostAsync("/api/threads", null), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Rate_limit_is_reached_then_resets()
    {
        var client = await fixture.CustomerAsync("cust_006");
        var threads = new List<string>();
        for (var i = 0; i <= WholeAppFixture.MessagesPerWindow; i++) threads.Add(await client.NewThreadAsync());

        // All at once, so the whole burst falls inside one window however slow the machine is.
        var responses = await Task.WhenAll(threads.Select(t => client.PostMessageAsync(t, "hello")));
        var limited = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(WholeAppFixture.MessagesPerWindow, responses.Count(r => r.IsSuccessStatusCode));
        Assert.NotNull(limited);
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await AssertProblem(limited, HttpStatusCode.TooManyRequests, "rate_limited");

        foreach (var r in responses) r.Dispose();
        // The window slides: once the Retry-After has passed a message gets through. On a loaded machine the burst
        // may have reached the limiter spread out, so a second Retry-After is honoured too, but not forever.
        var thread = await client.NewThreadAsync();
        var wait = limited.Headers.RetryAfter!.Delta!.Value;
        for (var attempt = 0; ; attempt++)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(500));
            using var response = await client.PostMessageAsync(thread, "hello again");
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
                var events = new List<SseEvent>();
                await foreach (var e in ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync())) events.Add(e);
                Assert.Equal("done", events.Last().Type);
                break;
            }
            Assert.True(attempt < 3, "the limit never reset");
            wait = response.Headers.RetryAfter!.Delta!.Value;
        }
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    internal static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
