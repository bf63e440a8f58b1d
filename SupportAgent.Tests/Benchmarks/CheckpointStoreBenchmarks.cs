using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportAgent.Api.Persistence;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Benchmarks;

/// <summary>
/// The PostgreSQL checkpoint store alone. Real payloads first: six-turn conversations run through the HTTP API leave
/// the graph's own checkpoints in <c>workflow_checkpoints</c>, which give the size per turn. Then those payloads are
/// written and read back through <see cref="PostgresCheckpointStore"/> directly, timing each call.
/// </summary>
public sealed class CheckpointStoreBenchmarks(ITestOutputHelper output)
{
    private const int Threads = 12;
    private const int Writes = 400;
    private const int Sessions = 8;
    private const int ParallelWorkers = 8;

    [BenchFact]
    public async Task Checkpoint_store_write_read_latency_and_size_per_turn()
    {
        var report = new BenchReport("checkpoints", output);
        await using var app = await BenchApp.StartAsync();
        var plans = LongConversations(app.Customers).Take(Threads).ToList();
        var produced = await TurnDriver.RunLevelAsync(app, plans, concurrency: 6);
        Assert.Equal(0, produced.Failed);

        await using var db = NpgsqlDataSource.Create(await app.ConnectionStringAsync("support"));
        var checkpoints = await CheckpointsByTurnAsync(db);
        WriteSizes(report, checkpoints, plans.Count);

        var payloads = checkpoints.Select(c => c.Data).ToList();
        var store = new PostgresCheckpointStore(db, Options.Create(new CheckpointOptions()));
        var run = Guid.NewGuid().ToString("N")[..8];
        try
        {
            var single = await MeasureAsync(store, payloads, $"bench-{run}-a", workers: 1);
            var parallel = await MeasureAsync(store, payloads, $"bench-{run}-b", workers: ParallelWorkers);
            report.Line($"Store calls on real payloads ({payloads.Count} distinct checkpoints, median {Distribution.Of(payloads.Select(p => (double)p.GetRawText().Length)).P50:F0} bytes), " +
                        $"{Writes} writes over {Sessions} sessions (so the keep-{new CheckpointOptions().KeepPerThread} pruning runs) then a read of each:");
            report.Line();
            report.Table(["workers", "call", "count", "p50 ms", "p95 ms", "p99 ms", "max ms"],
            [
                Row(1, "CreateCheckpointAsync (write)", single.Write), Row(1, "RetrieveCheckpointAsync (read)", single.Read),
                Row(1, "LatestAsync (resume lookup)", single.Latest),
                Row(ParallelWorkers, "CreateCheckpointAsync (write)", parallel.Write), Row(ParallelWorkers, "RetrieveCheckpointAsync (read)", parallel.Read),
                Row(ParallelWorkers, "LatestAsync (resume lookup)", parallel.Latest),
            ]);
            report.Data("storeCalls", new { single, parallel, parallelWorkers = ParallelWorkers, writes = Writes, sessions = Sessions });
        }
        finally
        {
            await using var cleanup = db.CreateCommand("DELETE FROM workflow_checkpoints WHERE session_id LIKE @prefix");
            cleanup.Parameters.AddWithValue("prefix", $"bench-{run}-%");
            await cleanup.ExecuteNonQueryAsync();
        }
        await report.SaveAsync();
    }

    /// <summary>Six turns per thread: status, tracking, a refund asked for and confirmed, two how-to questions.</summary>
    private static IEnumerable<ConversationPlan> LongConversations(IReadOnlyList<SeededCustomer> customers)
    {
        foreach (var customer in customers.OrderBy(c => c.Id, StringComparer.Ordinal).Skip(3))
        {
            var refundable = customer.Orders.FirstOrDefault(o => o.Status == "delivered" && o.Total is > 0 and <= 400m);
            var moving = customer.Orders.FirstOrDefault(o => o.Status is "in_transit" or "shipped") ?? refundable;
            if (refundable is null || moving is null) continue;
            yield return new ConversationPlan("long", customer.Id,
            [
                $"What's the status of order #{moving.Id}?", $"Where is my order {moving.Id} now?",
                $"I'd like a refund for order #{refundable.Id}, it arrived broken", "Yes please",
                "How do returns work?", "How do I reset my password?",
            ]);
        }
    }

    private sealed record StoredCheckpoint(string ThreadId, int Turn, long Seq, int SizeBytes, JsonElement Data);

    /// <summary>Every checkpoint of the bench threads, with the number of the turn (1..6) during which it was written.</summary>
    private static async Task<List<StoredCheckpoint>> CheckpointsByTurnAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            """
            SELECT c.session_id, t.n, c.seq, c.size_bytes, c.data::text
            FROM workflow_checkpoints c
            JOIN (SELECT thread_id, received_at, completed_at,
                         row_number() OVER (PARTITION BY thread_id ORDER BY received_at) AS n
                  FROM turns) t
              ON t.thread_id = c.session_id AND c.created_at BETWEEN t.received_at AND t.completed_at
            ORDER BY c.session_id, c.seq
            """);
        var rows = new List<StoredCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var json = JsonDocument.Parse(reader.GetString(4));
            rows.Add(new StoredCheckpoint(reader.GetString(0), (int)reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), json.RootElement.Clone()));
        }
        return rows;
    }

    private static void WriteSizes(BenchReport report, List<StoredCheckpoint> checkpoints, int threads)
    {
        report.Line($"{threads} conversations of six turns each through the HTTP API (offline engine); the graph takes a checkpoint per " +
                    $"super-step, {checkpoints.Count} in all. Per turn of a conversation:");
        report.Line();
        var perTurn = checkpoints.GroupBy(c => c.Turn).OrderBy(g => g.Key).Select(g =>
        {
            var byThread = g.GroupBy(c => c.ThreadId).ToList();
            return new
            {
                turn = g.Key,
                checkpointsPerTurn = byThread.Average(t => t.Count()),
                checkpointBytes = Distribution.Of(g.Select(c => (double)c.SizeBytes)),
                bytesWrittenPerTurn = Distribution.Of(byThread.Select(t => (double)t.Sum(c => c.SizeBytes))),
                lastCheckpointBytes = Distribution.Of(byThread.Select(t => (double)t.MaxBy(c => c.Seq)!.SizeBytes)),
            };
        }).ToList();
        report.Table(["turn", "checkpoints per turn", "checkpoint p50 bytes", "max bytes", "written per turn p50 bytes", "end-of-turn checkpoint p50 bytes"],
            perTurn.Select(t => (IReadOnlyList<string>)
            [
                t.turn.ToString(), t.checkpointsPerTurn.ToString("F1", CultureInfo.InvariantCulture), F(t.checkpointBytes.P50), F(t.checkpointBytes.Max),
                F(t.bytesWrittenPerTurn.P50), F(t.lastCheckpointBytes.P50),
            ]));
        report.Data("perTurn", perTurn);
        report.Data("checkpointBytes", Distribution.Of(checkpoints.Select(c => (double)c.SizeBytes)));
    }

    public sealed record StoreTimings(Distribution Write, Distribution Read, Distribution Latest);

    private static async Task<StoreTimings> MeasureAsync(PostgresCheckpointStore store, List<JsonElement> payloads, string sessionPrefix, int workers)
    {
        // Warm the pool and the statements.
        var warm = await store.CreateCheckpointAsync($"{sessionPrefix}-warm", payloads[0]);
        await store.RetrieveCheckpointAsync(warm.SessionId, warm);

        var written = new System.Collections.Concurrent.ConcurrentBag<CheckpointInfo>();
        var writes = new System.Collections.Concurrent.ConcurrentBag<double>();
        var reads = new System.Collections.Concurrent.ConcurrentBag<double>();
        var latest = new System.Collections.Concurrent.ConcurrentBag<double>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Writes; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                var info = await store.CreateCheckpointAsync($"{sessionPrefix}-{i % Sessions}", payloads[i % payloads.Count]);
                writes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                written.Add(info);
            }
        })));

        // Read back what survived pruning (the newest per session), each once, in no particular order.
        var kept = new List<CheckpointInfo>();
        foreach (var session in written.Select(w => w.SessionId).Distinct())
            kept.AddRange(await store.RetrieveIndexAsync(session));
        next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < kept.Count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                await store.RetrieveCheckpointAsync(kept[i].SessionId, kept[i]);
                reads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                await store.LatestAsync(kept[i].SessionId, CancellationToken.None);
                latest.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return new StoreTimings(Distribution.Of(writes), Distribution.Of(reads), Distribution.Of(latest));
    }

    private static IReadOnlyList<string> Row(int workers, string call, Distribution d) =>
        [workers.ToString(), call, d.Count.ToString(), F2(d.P50), F2(d.P95), F2(d.P99), F2(d.Max)];

    private static string F(double value) => double.IsFinite(value) ? value.ToString("F0", CultureInfo.InvariantCulture) : "-";

    private static string F2(double value) => double.IsFinite(value) ? value.ToString("F2", CultureInfo.InvariantCulture) : "-";
}
