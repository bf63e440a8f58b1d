using System.Diagnostics;
using System.Net;
using SupportAgent.Tests.Backends;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Faults;

/// <summary>
/// ARCHITECTURE.md §5, "kill any process at any moment": the Api is SIGKILLed at random points while refund turns are in
/// flight, started again, and every turn retried with its Idempotency-Key. Nothing refunded twice, no customer message
/// lost or doubled, every thread answers its next message.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class CrashSafetyTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private readonly RefundTurns _refunds = new(fixture);

    private sealed record Case(SeededOrder Order, string Thread, string Key)
    {
        public TurnStage KilledAt { get; set; }
        public int Retries { get; set; }
        public string FinalReply { get; set; } = "";
    }

    [Fact]
    public async Task Api_killed_mid_refund_turns_refunds_once_loses_nothing_and_every_thread_resumes()
    {
        var random = new Random(FaultScale.Seed);
        var cases = new List<Case>();
        foreach (var order in _refunds.Take(FaultScale.CrashTurns))
        {
            cases.Add(new Case(order, await _refunds.AskAsync(order), $"confirm-{order.OrderId}-{Guid.NewGuid():N}"));
        }

        var kills = 0;
        var downtime = new List<TimeSpan>();
        var retryErrors = new List<string>();
        // Upper bound of the random kill delay: about how long a batch of confirmations takes, learnt as we go.
        var window = TimeSpan.FromMilliseconds(1500);
        var strategies = new Dictionary<string, int>();
        foreach (var batch in cases.Chunk(FaultScale.CrashBatch))
        {
            // Where to aim this kill: anywhere in the batch, or just as the first turn reaches a chosen point.
            var (strategy, aim) = (kills % 4) switch
            {
                0 => ("random delay", (TurnStage?)null),
                1 => ("first stream byte", TurnStage.Streaming),
                2 => ("inside the refund call (payments +300 ms)", TurnStage.RefundCalled),
                _ => ("refund result streamed, before done", TurnStage.RefundReturned),
            };
            strategies[strategy] = strategies.GetValueOrDefault(strategy) + 1;
            if (aim == TurnStage.RefundCalled) await fixture.Backends.SetFaultAsync("payments", new { latencyMs = 300 });
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var cut = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var inFlight = batch.Select(async c =>
            {
                var client = await fixture.ClientAsync(c.Order.CustomerId);
                var sent = await RefundTurns.SendAsync(client, c.Thread, RefundTurns.Confirm, c.Key, cut.Token,
                    stage => { if (stage == aim) reached.TrySetResult(); });
                c.KilledAt = sent.Stage;
            }).ToList();

            if (aim is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * window.TotalMilliseconds));
            }
            else
            {
                await Task.WhenAny(reached.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                // Inside the refund call: before, during or just after the provider's 300 ms.
                if (aim == TurnStage.RefundCalled) await Task.Delay(random.Next(0, 450));
                else if (aim == TurnStage.Streaming) await Task.Delay(random.Next(0, 120));
            }
            downtime.Add(await fixture.KillAndRestartApiAsync());
            kills++;
            await Task.WhenAll(inFlight);
            await fixture.Backends.ResetFaultsAsync();

            // Retry every turn of the batch with its key until it is answered, as a client would.
            var retried = Stopwatch.StartNew();
            await Task.WhenAll(batch.Select(async c =>
            {
                var client = await fixture.ClientAsync(c.Order.CustomerId);
                for (var attempt = 1; ; attempt++)
                {
                    var sent = await RefundTurns.SendAsync(client, c.Thread, RefundTurns.Confirm, c.Key);
                    c.Retries = attempt;
                    if (sent.Stage == TurnStage.Done && sent.Error is null)
                    {
                        c.FinalReply = sent.Reply;
                        return;
                    }
                    if (sent.Status is { } s && (int)s >= 500 || sent.Error is not null)
                    {
                        lock (retryErrors) retryErrors.Add($"order {c.Order.OrderId}: {(int?)sent.Status} {sent.Error} {sent.Reply}");
                    }
                    Assert.True(attempt < 40, $"order {c.Order.OrderId}: no answer after {attempt} retries ({sent.Status}, {sent.Reply})");
                    await Task.Delay(sent.Status == HttpStatusCode.Conflict ? 250 : 500);
                }
            }));
            window = TimeSpan.FromMilliseconds(Math.Clamp(retried.Elapsed.TotalMilliseconds * 1.3, 300, 5000));
        }

        // Every thread takes a next message and answers it.
        var resumed = 0;
        foreach (var c in cases)
        {
            var client = await fixture.ClientAsync(c.Order.CustomerId);
            var next = await client.SayAsync(c.Thread, "Thanks! How long until I see the money?");
            if (next.Types.Last() == "done" && !string.IsNullOrWhiteSpace(next.Reply)) resumed++;
        }

        var doubleRefunds = new List<string>();
        var lostOrDoubled = new List<string>();
        var notRefunded = new List<string>();
        var wrongAnswers = new List<string>();
        foreach (var c in cases)
        {
            var refunds = await fixture.RefundsSinceStartAsync(c.Order.OrderId);
            if (refunds.Count > 1) doubleRefunds.Add($"order {c.Order.OrderId}: {refunds.Count} refunds");
            if (refunds.Count == 0) notRefunded.Add($"order {c.Order.OrderId} (killed at {c.KilledAt}): {c.FinalReply}");
            if (!c.FinalReply.StartsWith("Done: I've refunded", StringComparison.Ordinal))
                wrongAnswers.Add($"order {c.Order.OrderId} (killed at {c.KilledAt}): {c.FinalReply}");

            var messages = await FaultsFixture.MessagesAsync(await fixture.ClientAsync(c.Order.CustomerId), c.Thread);
            var customer = messages.Where(m => m.Role == "customer").Select(m => m.Text).ToList();
            string[] expected = [RefundTurns.AskText(c.Order), RefundTurns.Confirm, "Thanks! How long until I see the money?"];
            var roles = string.Join(",", messages.Select(m => m.Role));
            if (!customer.SequenceEqual(expected) || roles != "customer,assistant,customer,assistant,customer,assistant")
                lostOrDoubled.Add($"order {c.Order.OrderId} (killed at {c.KilledAt}): {roles}");
        }

        var (reExecuted, pending) = await RefundAuditAsync(cases.Select(c => c.Thread).ToArray());
        var stages = cases.GroupBy(c => c.KilledAt).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        FaultFigures.Report(output, nameof(Api_killed_mid_refund_turns_refunds_once_loses_nothing_and_every_thread_resumes),
            $"refund turns: {cases.Count}, SIGKILLs of the Api: {kills} ({FaultScale.CrashBatch} turns in flight per kill)",
            $"kill aims: {string.Join(", ", strategies.Select(kv => $"{kv.Key} {kv.Value}"))}",
            $"where the kills caught the turns (as the customer saw it): {string.Join(", ", stages)}",
            $"Api down per kill (kill, DCP start, healthy): median {Median(downtime):0.0} s, max {downtime.Max().TotalSeconds:0.0} s",
            $"issue_refund audit rows executed more than once (cut off, then run again on retry): {reExecuted}; still pending: {pending}",
            $"retries needed per turn: max {cases.Max(c => c.Retries)}, total {cases.Sum(c => c.Retries)}; 5xx or error events on retry: {retryErrors.Count}",
            $"double refunds: {doubleRefunds.Count}; turns that refunded nothing: {notRefunded.Count}; final replies other than the refund confirmation: {wrongAnswers.Count}",
            $"threads with a lost or doubled message: {lostOrDoubled.Count}; threads answering their next message: {resumed}/{cases.Count}");

        Assert.Empty(doubleRefunds);
        Assert.Empty(notRefunded);
        Assert.Empty(lostOrDoubled);
        Assert.Empty(retryErrors);
        Assert.Empty(wrongAnswers);
        Assert.Equal(cases.Count, resumed);
    }

    private async Task<(long ReExecuted, long Pending)> RefundAuditAsync(string[] threads)
    {
        await using var c = new Npgsql.NpgsqlConnection(fixture.SupportDb);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE attempts > 1), count(*) FILTER (WHERE status = 'pending')
            FROM tool_calls WHERE tool = 'issue_refund' AND thread_id = ANY(@threads)
            """, c);
        cmd.Parameters.AddWithValue("threads", threads);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static double Median(List<TimeSpan> values) =>
        values.Count == 0 ? 0 : values.Select(v => v.TotalSeconds).Order().ElementAt(values.Count / 2);
}
