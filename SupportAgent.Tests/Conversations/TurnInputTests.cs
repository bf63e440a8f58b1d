using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Conversations;

/// <summary>
/// Sending messages through the running app: decisions made on the thread as it is under the lease, Idempotency-Keys
/// honoured for every message, stored text free of invisible characters, and limits on what a customer can hold.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class TurnInputTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task A_message_sent_while_the_bot_escalates_goes_to_the_person_not_the_bot()
    {
        var customer = await fixture.CustomerAsync("cust_007");
        var thread = await customer.NewThreadAsync();

        // The escalating turn has started (its stream is open) when the next message arrives: the thread it reads must
        // be the one the turn leaves behind (awaiting a person), not the one it found (active).
        using var escalating = await customer.PostMessageAsync(thread, "Can I please talk to a real person?");
        // Sent again while busy (409), as a client would: every attempt reads the thread while the turn may still run.
        Turn next;
        while (true)
        {
            using var response = await customer.PostMessageAsync(thread, "Hello? Is anyone there?", "key-next");
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await Task.Delay(50);
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var events = new List<SseEvent>();
            await foreach (var e in ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync())) events.Add(e);
            next = new Turn(events);
            break;
        }
        await escalating.Content.ReadAsStringAsync();

        Assert.DoesNotContain("delta", next.Types);
        Assert.Equal("awaiting_human", next.Events.First(e => e.Type == "status").Str("status"));
        var roles = (await customer.GetThreadAsync(thread)).GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Equal(["customer", "assistant", "customer"], roles);
    }

    [Fact]
    public async Task A_key_reused_with_other_text_is_refused_and_the_same_text_is_replayed()
    {
        var customer = await fixture.CustomerAsync("cust_008");
        var thread = await customer.NewThreadAsync();
        var first = await customer.SayAsync(thread, "Where is my order 1015?", "key-1");

        await CustomerApiTests.AssertProblem(await customer.PostMessageAsync(thread, "Refund order 1015 please", "key-1"),
            HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        var again = await customer.SayAsync(thread, "Where is my order 1015?", "key-1");

        Assert.Equal(first.Reply, again.Reply);
        Assert.Equal(2, (await customer.GetThreadAsync(thread)).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_message_to_a_person_honours_its_key()
    {
        var customer = await fixture.CustomerAsync("cust_009");
        var thread = await customer.NewThreadAsync();
        await customer.SayAsync(thread, "Can I please talk to a real person?");

        var sent = await customer.SayAsync(thread, "My order never came.", "key-h");
        var repeated = await customer.SayAsync(thread, "My order never came.", "key-h");
        await CustomerApiTests.AssertProblem(await customer.PostMessageAsync(thread, "Something else", "key-h"),
            HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");

        Assert.Equal(sent.Done.Str("messageId"), repeated.Done.Str("messageId"));
        var texts = (await customer.GetThreadAsync(thread)).GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Single(texts, t => t == "My order never came.");
        Assert.DoesNotContain("Something else", texts);
    }

    [Fact]
    public async Task Control_bidirectional_and_zero_width_characters_are_not_stored()
    {
        var customer = await fixture.CustomerAsync("cust_010");
        var thread = await customer.NewThreadAsync();

        await customer.SayAsync(thread, "\u202eWhere is\u200b my order 10\u200d1\u20665\u2069?\u0007\u001b[31m\u00ad\ufeff");

        var stored = (await customer.GetThreadAsync(thread)).GetProperty("messages")[0].GetProperty("text").GetString();
        Assert.Equal("Where is my order 1015?[31m", stored);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_read()
    {
        var customer = await fixture.CustomerAsync("cust_010");
        var thread = await customer.NewThreadAsync();
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { text = new string('a', 2_000_000) })));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await CustomerApiTests.AssertProblem(await customer.Http.PostAsync($"/api/threads/{thread}/messages", body),
            HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Thread_creation_is_limited_per_customer()
    {
        var customer = await fixture.CustomerAsync("cust_011");
        var responses = await Task.WhenAll(Enumerable.Range(0, WholeAppFixture.ThreadsPerWindow + 1)
            .Select(_ => customer.Http.PostAsync("/api/threads", null)));

        Assert.Equal(WholeAppFixture.ThreadsPerWindow, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        await CustomerApiTests.AssertProblem(responses.Single(r => r.StatusCode != HttpStatusCode.Created),
            HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Concurrent_event_streams_are_limited_per_customer()
    {
        var customer = await fixture.CustomerAsync("cust_012");
        var thread = await customer.NewThreadAsync();
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < WholeAppFixture.EventStreamsPerCustomer; i++)
            {
                var stream = await customer.Http.GetAsync($"/api/threads/{thread}/events", HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
                open.Add(stream);
            }
            await CustomerApiTests.AssertProblem(
                await customer.Http.GetAsync($"/api/threads/{thread}/events", HttpCompletionOption.ResponseHeadersRead),
                HttpStatusCode.TooManyRequests, "rate_limited");
        }
        finally
        {
            foreach (var stream in open) stream.Dispose();
        }
    }
}
