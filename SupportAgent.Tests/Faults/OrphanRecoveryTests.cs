using System.Diagnostics;
using Npgsql;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Faults;

/// <summary>
/// Recovery that needs nothing from the client (ARCHITECTURE.md §5): refund turns are cut off by a SIGKILL of the Api
/// inside the refund call, and no one sends them again. The restarted Api finishes every one from its last checkpoint
/// once its lease has run out (the tool ledger replays the refund, so money moves once), the customer's event stream
/// delivers the reply, and the Api answers /health throughout.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class OrphanRecoveryTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private readonly RefundTurns _refunds = new(fixture);

    [Fact]
    public async Task Turns_orphaned_by_a_kill_are_finished_by_the_restarted_Api_and_delivered_on_the_event_stream()
    {
        var orders = _refunds.Take(FaultScale.OrphanTurns);
        var threads = new Dictionary<long, string>();
        foreach (var order in orders) threads[order.OrderId] = await _refunds.AskAsync(order);

        var recoveryTimes = new List<TimeSpan>();
        var health = new List<TimeSpan>();
        var healthFailures = new List<string>();
        var orphaned = 0;
        foreach (var batch in orders.Chunk((int)Math.Ceiling(orders.Count / (double)FaultScale.OrphanKills)))
        {
            // The payments provider slowed, so every turn of the batch is inside issue_refund when the Api dies.
            await fixture.Backends.SetFaultAsync("payments", new { latencyMs = 1500 });
            var called = batch.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            using var cut = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var sends = batch.Select(async (order, i) =>
            {
                var client = await fixture.ClientAsync(order.CustomerId);
                await RefundTurns.SendAsync(client, threads[order.OrderId], RefundTurns.Confirm, $"orphan-{order.OrderId}", cut.Token,
                    stage => { if (stage == TurnStage.RefundCalled) called[i].TrySetResult(); });
            }).ToList();
            await Task.WhenAny(Task.WhenAll(called.Select(c => c.Task)), Task.Delay(TimeSpan.FromSeconds(60)));

            var killedAt = Stopwatch.StartNew();
            var pid = await fixture.Api.KillAsync();
            await Task.WhenAll(sends);
            orphaned += await RunningAsync(batch.Select(o => threads[o.OrderId]).ToArray());
            await fixture.Api.StartAsync(pid);
            await fixture.Backends.ResetFaultsAsync();

            // Nothing is sent again: the restarted Api finds the turns itself. Meanwhile /health must answer at once.
            using var http = fixture.App.CreateHttpClient("api", "http");
            http.Timeout = TimeSpan.FromSeconds(5);
            var ids = batch.Select(o => threads[o.OrderId]).ToArray();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (await RunningAsync(ids) > 0)
            {
                var asked = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync("/health", patience.Token);
                    health.Add(asked.Elapsed);
                    if ((int)response.StatusCode >= 500) healthFailures.Add($"{(int)response.StatusCode}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !patience.IsCancellationRequested)
                {
                    healthFailures.Add(ex.GetType().Name);
                }
                await Task.Delay(250, patience.Token);
            }
            recoveryTimes.Add(killedAt.Elapsed);
        }

        var delivered = 0;
        var wrong = new List<string>();
        var refundedOtherThanOnce = new List<string>();
        foreach (var order in orders)
        {
            var client = await fixture.ClientAsync(order.CustomerId);
            var reply = await AssistantReplyAfterConfirmAsync(client, threads[order.OrderId]);
            if (reply is not null) delivered++;
            if (reply?.StartsWith("Done: I've refunded", StringComparison.Ordinal) != true) wrong.Add($"order {order.OrderId}: {reply}");
            var refunds = await fixture.RefundsSinceStartAsync(order.OrderId);
            if (refunds.Count != 1) refundedOtherThanOnce.Add($"order {order.OrderId}: {refunds.Count}");
        }
        var leftRunning = await RunningAsync(threads.Values.ToArray());

        FaultFigures.Report(output, nameof(Turns_orphaned_by_a_kill_are_finished_by_the_restarted_Api_and_delivered_on_the_event_stream),
            $"refund turns cut off inside issue_refund (payments +1500 ms) and never retried by the client: {orders.Count}, SIGKILLs of the Api: {FaultScale.OrphanKills}",
            $"turns left running by the kills: {orphaned}; finished by the restarted Api: {orders.Count - leftRunning}; still running: {leftRunning}",
            $"replies delivered on the customer's event stream: {delivered}/{orders.Count}; replies other than the refund confirmation: {wrong.Count}",
            $"orders refunded other than exactly once: {refundedOtherThanOnce.Count}",
            $"kill to every turn of the batch finished (restart and lease expiry included): max {recoveryTimes.Max().TotalSeconds:0.0} s",
            $"/health during recovery (5 s client timeout): {health.Count} answered, slowest {(health.Count == 0 ? 0 : health.Max().TotalMilliseconds):0} ms, failed or timed out {healthFailures.Count}");

        Assert.Equal(orders.Count, orphaned);
        Assert.Equal(0, leftRunning);
        Assert.Empty(wrong);
        Assert.Empty(refundedOtherThanOnce);
        Assert.Empty(healthFailures);
    }

    private async Task<int> RunningAsync(string[] threads)
    {
        await using var c = new NpgsqlConnection(fixture.SupportDb);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM turns WHERE status = 'running' AND thread_id = ANY(@threads)", c);
        cmd.Parameters.AddWithValue("threads", threads);
        return (int)(long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Reads the thread's event stream from the start (as a reconnecting client would) up to the reply to the confirmation.</summary>
    private static async Task<string?> AssistantReplyAfterConfirmAsync(SupportClient client, string thread)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/threads/{thread}/events");
        request.Headers.Add("Last-Event-ID", "0");
        using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var confirmed = false;
        try
        {
            await foreach (var e in ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync(cts.Token), cts.Token))
            {
                if (e.Type != "message") continue;
                if (e.Str("role") == "customer") confirmed = e.Str("text") == RefundTurns.Confirm;
                else if (confirmed && e.Str("role") == "assistant") return e.Str("text");
            }
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }
}
