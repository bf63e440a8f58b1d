using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Deploy;

/// <summary>
/// The Api run as two replicas (<c>Api:Replicas=2</c>): each request is sent to one replica by its own address, not
/// through Aspire's proxy, so the test knows which instance served it. Nothing lives in a replica's memory between
/// requests, so a thread moves freely between them.
/// </summary>
public sealed class ReplicaTests(TwoReplicasFixture fixture) : IClassFixture<TwoReplicasFixture>
{
    private readonly DistributedApplication _app = fixture.App;
    private readonly Uri _a = fixture.A, _b = fixture.B;

    [Fact]
    public async Task Turns_of_one_thread_alternate_between_replicas_and_the_refund_happens_once()
    {
        var onA = await SupportClient.SignInAsync(_a, "cust_001");
        var onB = await SupportClient.SignInAsync(_b, "cust_001");
        var thread = await onA.NewThreadAsync();

        var ask = await onB.SayAsync(thread, "I'd like a refund for order 1001, the blender stopped working");
        Assert.Equal("REFUND", ask.Lane);
        var confirm = await onA.SayAsync(thread, "Yes please, go ahead");
        Assert.Equal("ok", confirm.Outcome("issue_refund"));
        // The same confirmation retried on the other replica with the same key replays the stored turn.
        var retried = await onB.SayAsync(thread, "Yes please, go ahead", idempotencyKey: "confirm-1001");
        var again = await onA.SayAsync(thread, "Yes please, go ahead", idempotencyKey: "confirm-1001");
        Assert.Equal(retried.Done.Str("messageId"), again.Done.Str("messageId"));
        var thanks = await onB.SayAsync(thread, "thanks, that's all");
        Assert.NotEmpty(thanks.Reply);

        var fromA = await onA.GetThreadAsync(thread);
        var fromB = await onB.GetThreadAsync(thread);
        Assert.Equal(fromA.GetProperty("messages").GetRawText(), fromB.GetProperty("messages").GetRawText());
        var customerMessages = fromA.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("role").GetString() == "customer");
        Assert.Equal(4, customerMessages);
        Assert.Equal(1, await CountAsync("backends", "SELECT count(*) FROM refunds WHERE order_id = 1001 AND id NOT LIKE 're_seed_%'"));
    }

    [Fact]
    public async Task Handoff_raised_on_one_replica_is_claimed_and_answered_through_the_other()
    {
        var customer = await SupportClient.SignInAsync(_a, "cust_002");
        var thread = await customer.NewThreadAsync();
        var turn = await customer.SayAsync(thread, "Can I talk to a real person please?");
        var handoffId = turn.Handoff?.Str("handoffId");
        Assert.False(string.IsNullOrEmpty(handoffId));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var live = await customer.Http.GetAsync($"/api/threads/{thread}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var events = ServerSentEvents.ReadAsync(await live.Content.ReadAsStreamAsync(cts.Token), cts.Token).GetAsyncEnumerator(cts.Token);

        var agent = await SupportClient.SignInAsync(_b, "agent_ana", "agent");
        var queue = await agent.Http.GetFromJsonAsync<JsonElement>("/api/handoffs?status=open");
        Assert.Contains(queue.EnumerateArray(), h => h.GetProperty("id").GetString() == handoffId);
        (await agent.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();
        var rival = await SupportClient.SignInAsync(_a, "agent_ben", "agent");
        Assert.Equal(409, (int)(await rival.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).StatusCode);
        (await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/reply", new { text = "Hi Bruno, Ana here from replica B." })).EnsureSuccessStatusCode();

        // The customer's stream is held by replica A; the reply was written through B.
        var seen = false;
        while (!seen && await events.MoveNextAsync())
        {
            seen = events.Current.Type == "message" && events.Current.Str("text").Contains("Ana here");
        }
        Assert.True(seen);
        await events.DisposeAsync();

        (await agent.Http.PostAsJsonAsync($"/api/handoffs/{handoffId}/return-to-bot", new { note = "customer only wanted to check in" })).EnsureSuccessStatusCode();
        var next = await customer.SayAsync(thread, "where is order 1014?");
        Assert.Null(next.Handoff);
        Assert.NotEmpty(next.Reply);
        var view = await customer.GetThreadAsync(thread);
        Assert.Equal("active", view.GetProperty("status").GetString());
        var roles = view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Equal(["customer", "assistant", "agent", "assistant", "customer", "assistant"], roles);
    }

    [Fact]
    public async Task Two_approvals_of_one_handoff_on_two_replicas_pay_once()
    {
        var backends = new Backends.BackendsClient(_app.CreateBackendsHttpClient());
        var order = await backends.ClaimApprovalSliceAsync();
        var refunds = Backends.BackendsClient.RefundCount(await backends.ChargeAsync(order.OrderId));
        var customer = await SupportClient.SignInAsync(_a, order.CustomerId);
        var thread = await customer.NewThreadAsync();
        await customer.SayAsync(thread, Handoff.ApprovalTests.RefundAsk(order, wholeOrder: false));
        var yes = await customer.SayAsync(thread, "Yes please, go ahead with the refund.");
        var handoffId = yes.Handoff?.Str("handoffId");
        Assert.Equal("refund_needs_approval", yes.Handoff?.Str("reason"));

        var onA = await SupportClient.SignInAsync(_a, "agent_chloe", "agent");
        var onB = await SupportClient.SignInAsync(_b, "agent_chloe", "agent");
        (await onB.Http.PostAsync($"/api/handoffs/{handoffId}/claim", null)).EnsureSuccessStatusCode();
        // The same agent double-clicks, and the two clicks land on different replicas.
        var answers = await Task.WhenAll(onA.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null),
            onB.Http.PostAsync($"/api/handoffs/{handoffId}/approve", null));

        Assert.Single(answers, r => r.StatusCode == System.Net.HttpStatusCode.NoContent);
        Assert.Single(answers, r => r.StatusCode == System.Net.HttpStatusCode.Conflict);
        Assert.Equal(refunds + 1, Backends.BackendsClient.RefundCount(await backends.ChargeAsync(order.OrderId)));
        var view = await customer.WaitForThreadAsync(thread, t => t.GetProperty("status").GetString() == "active");
        Assert.Contains(view.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains("refunded", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<long> CountAsync(string database, string sql)
    {
        await using var db = NpgsqlDataSource.Create((await _app.GetConnectionStringAsync(database))!);
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class TwoReplicasFixture : IAsyncLifetime
{
    private readonly string _dataPath = AppHostRunner.NewDataPath();

    public DistributedApplication App { get; private set; } = null!;
    public Uri A { get; private set; } = null!;
    public Uri B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await AppHostRunner.StartAsync(_dataPath, "Api:Replicas=2");
        var replicas = await ReplicaAddressesAsync();
        Assert.Equal(2, replicas.Count);
        (A, B) = (replicas[0], replicas[1]);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        AppHostRunner.DeleteDataPath(_dataPath);
    }

    /// <summary>Each replica's own address, from the environment Aspire gave it (its snapshot), not the proxy's.</summary>
    private async Task<List<Uri>> ReplicaAddressesAsync()
    {
        using var cts = new CancellationTokenSource(AppHostRunner.StartTimeout);
        var found = new Dictionary<string, Uri>();
        await foreach (var e in App.ResourceNotifications.WatchAsync(cts.Token))
        {
            if (e.Resource.Name != "api" || e.Snapshot.State?.Text != "Running") continue;
            var urls = e.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value;
            if (string.IsNullOrEmpty(urls)) continue;
            found[e.ResourceId] = new Uri(urls.Split(';')[0]);
            if (found.Count == 2) break;
        }
        foreach (var uri in found.Values)
        {
            using var http = new HttpClient { BaseAddress = uri };
            for (var i = 0; i < 120 && !(await TryHealthyAsync(http)); i++) await Task.Delay(500, cts.Token);
        }
        return [.. found.Values];
    }

    private static async Task<bool> TryHealthyAsync(HttpClient http)
    {
        try { return (await http.GetAsync("/health")).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
    }
}
