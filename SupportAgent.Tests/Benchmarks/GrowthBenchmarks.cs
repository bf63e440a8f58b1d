using System.Globalization;
using Dapper;
using Npgsql;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Persistence;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Benchmarks;

/// <summary>
/// How a turn's cost changes as one thread grows to 200 turns: first-response time, checkpoint bytes written per turn,
/// the size of the thread's latest checkpoint and the rows the thread keeps. The turn path is meant to be bounded (a
/// history window in the checkpoint, pruned checkpoints, no read of the transcript), so these should stay flat.
/// </summary>
public sealed class GrowthBenchmarks(ITestOutputHelper output)
{
    private const int Turns = 200;
    private static readonly int[] Points = [1, 10, 50, 200];

    /// <summary>First response at a point is the p50 over the turns of one whole cycle of the script around it.</summary>
    private static (int From, int To) WindowAround(int turn, int cycle) =>
        Math.Clamp(turn - cycle / 2, 1, Turns - cycle + 1) is var from ? (from, from + cycle - 1) : default;

    [BenchFact]
    public async Task One_thread_to_200_turns()
    {
        var report = new BenchReport("growth", output);
        await using var app = await BenchApp.StartAsync();
        var (customer, script) = Script(app.Customers);
        var client = await app.ClientAsync(customer);
        await using var db = NpgsqlDataSource.Create(await app.ConnectionStringAsync("support"));

        // Warm-up on another thread (JIT, pools, the router's model), not reported.
        var warm = await client.NewThreadAsync();
        for (var i = 0; i < 3; i++) await TurnDriver.TimeTurnAsync(client, warm, script[i], "warm-up", i + 1);

        var thread = await client.NewThreadAsync();
        var turns = new List<GrowthTurn>();
        long lastSeq = 0;
        for (var n = 1; n <= Turns; n++)
        {
            var sample = await TurnDriver.TimeTurnAsync(client, thread, script[(n - 1) % script.Count], "growth", n);
            Assert.True(sample.Ok, $"turn {n} ({script[(n - 1) % script.Count]}) failed: {sample.Error}");
            Assert.DoesNotContain(sample.ToolOutcomes, o => o.StartsWith("issue_refund", StringComparison.Ordinal));
            var stored = await StoredAsync(db, thread, lastSeq);
            lastSeq = stored.LastSeq ?? lastSeq;
            turns.Add(new GrowthTurn(n, sample, stored));
        }
        var executedToolCalls = await ExecutedToolCallsByTurnAsync(db, thread);

        Write(report, customer, script, turns, executedToolCalls);
        await report.SaveAsync();
    }

    /// <summary>
    /// A customer with an order on its way and one delivered, and ten messages that cycle: order status, tracking,
    /// how-to questions and small talk. No refunds, so no money moves however long the thread runs.
    /// </summary>
    private static (string Customer, IReadOnlyList<string> Script) Script(IReadOnlyList<SeededCustomer> customers)
    {
        var customer = customers.OrderBy(c => c.Id, StringComparer.Ordinal).First(c =>
            c.Orders.Any(o => o.Status is "in_transit" or "shipped") && c.Orders.Any(o => o.Status == "delivered"));
        var moving = customer.Orders.First(o => o.Status is "in_transit" or "shipped").Id;
        var delivered = customer.Orders.First(o => o.Status == "delivered").Id;
        return (customer.Id,
        [
            "Hi there!", $"What's the status of order #{moving}?", "How do returns work?", $"Where is my order {moving} now?",
            "Thanks, that's helpful", $"Can you check order {delivered} for me?", "How do I reset my password?",
            "Do you ship to Canada?", $"When will order {moving} arrive?", "Great, thank you!",
        ]);
    }

    private sealed record Stored(int CheckpointsWritten, long BytesWritten, long? LastSeq, int LatestCheckpointBytes,
        int CheckpointRows, int Messages, int Events);

    private sealed record GrowthTurn(int N, TurnSample Sample, Stored Stored);

    /// <summary>What the thread holds in the support database right after turn n's stream ended (its checkpoints are all written by then).</summary>
    private static async Task<Stored> StoredAsync(NpgsqlDataSource db, string thread, long afterSeq)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.QuerySingleAsync<Stored>(
            """
            SELECT (SELECT count(*)::int FROM workflow_checkpoints WHERE session_id = @thread AND seq > @afterSeq) AS CheckpointsWritten,
                   (SELECT coalesce(sum(size_bytes), 0)::bigint FROM workflow_checkpoints WHERE session_id = @thread AND seq > @afterSeq) AS BytesWritten,
                   (SELECT max(seq) FROM workflow_checkpoints WHERE session_id = @thread) AS LastSeq,
                   (SELECT size_bytes FROM workflow_checkpoints WHERE session_id = @thread ORDER BY seq DESC LIMIT 1) AS LatestCheckpointBytes,
                   (SELECT count(*)::int FROM workflow_checkpoints WHERE session_id = @thread) AS CheckpointRows,
                   (SELECT count(*)::int FROM messages WHERE thread_id = @thread) AS Messages,
                   (SELECT count(*)::int FROM thread_events WHERE thread_id = @thread) AS Events
            """, new { thread, afterSeq });
    }

    /// <summary>Tool calls the ToolsService executed (recorded) per turn number; a call replayed from its record adds no row.</summary>
    private static async Task<Dictionary<int, int>> ExecutedToolCallsByTurnAsync(NpgsqlDataSource db, string thread)
    {
        await using var c = await db.OpenConnectionAsync();
        var rows = await c.QueryAsync<(long N, long Calls)>(
            """
            SELECT t.n, count(tc.id)
            FROM (SELECT id, row_number() OVER (ORDER BY received_at) AS n FROM turns WHERE thread_id = @thread) t
            LEFT JOIN tool_calls tc ON tc.thread_id = @thread AND tc.turn_id = t.id
            GROUP BY t.n
            """, new { thread });
        return rows.ToDictionary(r => (int)r.N, r => (int)r.Calls);
    }

    private static void Write(BenchReport report, string customer, IReadOnlyList<string> script, List<GrowthTurn> turns,
        Dictionary<int, int> executed)
    {
        var cycle = script.Count;
        report.Line($"One thread of {Turns} turns through the HTTP API (offline engine), one turn after another, customer {customer}; " +
                    $"the customer's messages cycle through {cycle}: {string.Join(" / ", script.Select(s => $"\"{s}\""))}. " +
                    $"Checkpoint history window {ConversationState.HistoryWindow} lines, {new CheckpointOptions().KeepPerThread} checkpoints kept per thread.");
        report.Line();
        report.Table(
            ["turn", "first response ms (that turn)", $"first response p50 ms ({cycle} turns around)", "p95 ms", "whole turn p50 ms",
             "checkpoints written", "bytes written (that turn)", $"bytes written p50 ({cycle} turns)", "latest checkpoint bytes",
             "checkpoint rows kept", "stored messages"],
            Points.Select(point =>
            {
                var t = turns[point - 1];
                var (from, to) = WindowAround(point, cycle);
                var window = turns.Where(x => x.N >= from && x.N <= to).ToList();
                var first = Distribution.Of(window.Select(x => x.Sample.FirstResponseMs));
                return (IReadOnlyList<string>)
                [
                    point.ToString(), F(t.Sample.FirstResponseMs), $"{F(first.P50)} (turns {from}-{to})", F(first.P95),
                    F(Distribution.Of(window.Select(x => x.Sample.CompletedMs)).P50), t.Stored.CheckpointsWritten.ToString(),
                    t.Stored.BytesWritten.ToString(), F(Distribution.Of(window.Select(x => (double)x.Stored.BytesWritten)).P50),
                    t.Stored.LatestCheckpointBytes.ToString(), t.Stored.CheckpointRows.ToString(), t.Stored.Messages.ToString(),
                ];
            }));

        report.Line($"By blocks of 20 turns (each block is two whole cycles of the script):");
        report.Line();
        var blocks = turns.Chunk(20).Select(block => new
        {
            turns = $"{block[0].N}-{block[^1].N}",
            firstResponseMs = Distribution.Of(block.Select(x => x.Sample.FirstResponseMs)),
            wholeTurnMs = Distribution.Of(block.Select(x => x.Sample.CompletedMs)),
            bytesWrittenPerTurn = Distribution.Of(block.Select(x => (double)x.Stored.BytesWritten)),
            latestCheckpointBytesMax = block.Max(x => x.Stored.LatestCheckpointBytes),
            toolResults = block.Sum(x => x.Sample.ToolOutcomes.Count),
            toolCallsExecuted = block.Sum(x => executed.GetValueOrDefault(x.N)),
        }).ToList();
        report.Table(
            ["turns", "first response p50 ms", "p95 ms", "whole turn p50 ms", "bytes written per turn p50", "max", "latest checkpoint max bytes",
             "tool results streamed", "tool calls executed"],
            blocks.Select(b => (IReadOnlyList<string>)
            [
                b.turns, F(b.firstResponseMs.P50), F(b.firstResponseMs.P95), F(b.wholeTurnMs.P50), F(b.bytesWrittenPerTurn.P50),
                F(b.bytesWrittenPerTurn.Max), b.latestCheckpointBytesMax.ToString(), b.toolResults.ToString(), b.toolCallsExecuted.ToString(),
            ]));

        var last = turns[^1].Stored;
        report.Line($"After turn {Turns}: {last.Messages} stored messages, {last.Events} thread events, {last.CheckpointRows} checkpoint rows " +
                    $"(latest {last.LatestCheckpointBytes} bytes). Tool results streamed {turns.Sum(x => x.Sample.ToolOutcomes.Count)}, " +
                    $"tool calls executed by the ToolsService {executed.Values.Sum()} " +
                    $"({turns.Sum(x => x.Sample.ToolOutcomes.Count) - executed.Values.Sum()} answered from an earlier turn's recorded call).");
        report.Line("Lanes: " + string.Join(", ", turns.GroupBy(x => x.Sample.Lane ?? "-").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")) + ".");
        report.Line();

        report.Data("customer", customer);
        report.Data("script", script);
        report.Data("blocks", blocks);
        report.Data("turns", turns.Select(x => new
        {
            turn = x.N, firstResponseMs = x.Sample.FirstResponseMs, wholeTurnMs = x.Sample.CompletedMs, lane = x.Sample.Lane,
            toolResults = x.Sample.ToolOutcomes, toolCallsExecuted = executed.GetValueOrDefault(x.N),
            x.Stored.CheckpointsWritten, x.Stored.BytesWritten, x.Stored.LatestCheckpointBytes, x.Stored.CheckpointRows,
            x.Stored.Messages, x.Stored.Events,
        }).ToList());
    }

    private static string F(double value) => double.IsFinite(value) ? value.ToString("F0", CultureInfo.InvariantCulture) : "-";
}
