using System.Globalization;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Benchmarks;

/// <summary>
/// First-response time (POST of a message to the first <c>delta</c> SSE event) and turns per second through the HTTP
/// API, at several numbers of concurrent conversations: with the offline engine, then with both model roles on a
/// fake OpenAI-compatible server on loopback that has a fixed time to first token and token rate.
/// </summary>
public sealed class TurnLatencyBenchmarks(ITestOutputHelper output)
{
    /// <summary>The fake model: time to first token (per call) and streamed pieces per second.</summary>
    public static readonly TimeSpan ModelTimeToFirstToken = TimeSpan.FromMilliseconds(300);
    public const double ModelTokensPerSecond = 50;

    [BenchFact]
    public async Task Offline_engine_through_http_and_sse()
    {
        var report = new BenchReport("http-offline", output);
        await using var app = await BenchApp.StartAsync();
        var levels = await RunLevelsAsync(app, report, "offline engine (router: local classifier, agent: offline engine)");
        WriteLevels(report, levels, fake: null);
        await report.SaveAsync();
        AssertNoFailures(levels);
    }

    [BenchFact]
    public async Task Fake_openai_model_through_http_and_sse()
    {
        var report = new BenchReport("http-fake-openai", output);
        using var classifier = new MlNetIntentClassifier();
        classifier.EnsureTrained();
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.Responder = FakeModelResponder.Create(classifier);
        fake.TimeToFirstToken = ModelTimeToFirstToken;
        fake.TokensPerSecond = ModelTokensPerSecond;
        await using var app = await BenchApp.StartAsync(fake.Endpoint);
        var levels = await RunLevelsAsync(app, report,
            $"fake OpenAI-compatible model on loopback for both roles: time to first token {ModelTimeToFirstToken.TotalMilliseconds:F0} ms " +
            $"per call, {ModelTokensPerSecond:F0} pieces/s after it (answers from the offline engine and classifier)");
        WriteLevels(report, levels, fake.Requests);
        await report.SaveAsync();
        AssertNoFailures(levels);
    }

    /// <summary><c>SUPPORTAGENT_BENCH_LEVELS</c>: <c>concurrency:conversations</c> pairs, default <c>1:12,50:50,200:200</c>.</summary>
    public static IReadOnlyList<(int Concurrency, int Conversations)> Levels() =>
        (Environment.GetEnvironmentVariable("SUPPORTAGENT_BENCH_LEVELS") is { Length: > 0 } spec ? spec : "1:12,50:50,200:200")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(pair => pair.Split(':') is [var c, var n] ? (int.Parse(c), int.Parse(n)) : (int.Parse(pair), int.Parse(pair)))
        .ToList();

    private static async Task<IReadOnlyList<LevelResult>> RunLevelsAsync(BenchApp app, BenchReport report, string engine)
    {
        var planner = new WorkloadPlanner(app.Customers);
        report.Line($"Engine: {engine}.");
        report.Line("Each conversation is two turns on its own thread: a refund asked for and confirmed (distinct delivered " +
                    "orders), an order-status then a tracking question, or two how-to questions, rotating; customers " +
                    "cust_001..cust_060. First response = POST sent -> first `delta` event read by the client.");
        report.Line();

        // Warm-up (JIT, connection pools, the router's model), not reported.
        await TurnDriver.RunLevelAsync(app, planner.Take(6), 3);

        var results = new List<LevelResult>();
        foreach (var (concurrency, conversations) in Levels())
        {
            var result = await TurnDriver.RunLevelAsync(app, planner.Take(conversations), concurrency);
            results.Add(result);
            report.Line($"- level {concurrency} concurrent: {result.Turns.Count} turns in {result.Wall.TotalSeconds:F1} s, " +
                        $"{result.Failed} failed, first response p50 {result.FirstResponse.P50:F0} ms");
        }
        report.Line();
        report.Data("engine", engine);
        report.Data("refundableOrdersLeft", planner.RefundableLeft);
        return results;
    }

    private static void WriteLevels(BenchReport report, IReadOnlyList<LevelResult> levels, IReadOnlyList<RecordedRequest>? fake)
    {
        report.Table(
            ["concurrent conversations", "turns", "failed", "turns/s", "first response p50 ms", "p95 ms", "p99 ms", "whole turn p50 ms", "p95 ms"],
            levels.Select(l => (IReadOnlyList<string>)
            [
                l.Concurrency.ToString(), l.Turns.Count.ToString(), l.Failed.ToString(), l.TurnsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
                F(l.FirstResponse.P50), F(l.FirstResponse.P95), F(l.FirstResponse.P99), F(l.Completed.P50), F(l.Completed.P95),
            ]));

        report.Line("First response by turn (p50 / p95 ms):");
        report.Line();
        var kinds = levels.SelectMany(l => l.Turns).Select(t => (t.Kind, t.Turn)).Distinct().Order().ToList();
        report.Table(
            ["turn", .. levels.Select(l => $"{l.Concurrency} concurrent")],
            kinds.Select(k => (IReadOnlyList<string>)
            [
                $"{k.Kind} #{k.Turn}",
                .. levels.Select(l => Distribution.Of(l.Turns.Where(t => t.Ok && t.Kind == k.Kind && t.Turn == k.Turn).Select(t => t.FirstResponseMs)) is var d
                    ? $"{F(d.P50)} / {F(d.P95)}" : ""),
            ]));

        var overheads = new List<object>();
        if (fake is not null)
        {
            var byTrace = fake.Where(r => r.TraceId is not null).ToLookup(r => r.TraceId!);
            report.Line("Model time vs orchestration overhead. Model time = what the fake server spent on the calls that " +
                        "came before the first reply text (every earlier call in full, then that call's time to its first " +
                        "text piece), matched to the turn by its trace id. Overhead = first response - model time: the " +
                        "Api, graph, tools, stores and the SSE path.");
            report.Line();
            var rows = new List<IReadOnlyList<string>>();
            foreach (var level in levels)
            {
                var matched = level.Turns.Where(t => t.Ok)
                    .Select(t => (turn: t, model: FakeModelResponder.TimeBeforeFirstText(byTrace[t.TraceId])))
                    .Where(x => x.model is not null)
                    .ToList();
                var model = Distribution.Of(matched.Select(x => x.model!.Value.Ms));
                var overhead = Distribution.Of(matched.Select(x => x.turn.FirstResponseMs - x.model!.Value.Ms));
                var calls = matched.Count == 0 ? double.NaN : matched.Average(x => x.model!.Value.Calls);
                rows.Add([
                    level.Concurrency.ToString(), $"{matched.Count}/{level.Turns.Count(t => t.Ok)}", calls.ToString("F2", CultureInfo.InvariantCulture),
                    F(model.P50), F(model.P95), F(overhead.P50), F(overhead.P95), F(overhead.P99),
                ]);
                overheads.Add(new { level.Concurrency, matchedTurns = matched.Count, modelCallsBeforeFirstText = calls, modelMs = model, overheadMs = overhead });
            }
            report.Table(
                ["concurrent conversations", "turns matched", "model calls before 1st text", "model time p50 ms", "p95 ms", "overhead p50 ms", "p95 ms", "p99 ms"],
                rows);

            // Which turns still need more than one call: the router model (asked below Models:Router:AskModelBelow), a
            // tool the graph did not read ahead (Graph/Prefetch.cs), a proposal or a money call before the reply.
            var byKind = levels.SelectMany(l => l.Turns.Where(t => t.Ok))
                .Select(t => (t.Kind, t.Turn, model: FakeModelResponder.TimeBeforeFirstText(byTrace[t.TraceId])))
                .Where(x => x.model is not null)
                .GroupBy(x => (x.Kind, x.Turn))
                .OrderBy(g => g.Key)
                .Select(g => (Key: $"{g.Key.Kind} #{g.Key.Turn}", Calls: g.Average(x => x.model!.Value.Calls), Count: g.Count()))
                .ToList();
            report.Line("Model calls before the first text by turn, all levels together:");
            report.Line();
            report.Table(["turn", "turns", "model calls before 1st text"],
                byKind.Select(k => (IReadOnlyList<string>)[k.Key, k.Count.ToString(), k.Calls.ToString("F2", CultureInfo.InvariantCulture)]));
            report.Data("modelCallsBeforeFirstTextByTurn", byKind.ToDictionary(k => k.Key, k => k.Calls));
            report.Data("modelTimeToFirstTokenMs", ModelTimeToFirstToken.TotalMilliseconds);
            report.Data("modelTokensPerSecond", ModelTokensPerSecond);
            report.Data("modelCalls", fake.Count);
            report.Data("overhead", overheads);
        }

        foreach (var failure in levels.SelectMany(l => l.Turns.Where(t => !t.Ok).Select(t => (l.Concurrency, t.Error)))
                     .GroupBy(f => f).OrderByDescending(g => g.Count()))
        {
            report.Line($"- failures at {failure.Key.Concurrency} concurrent: {failure.Count()} x {failure.Key.Error}");
        }
        var refunds = levels.SelectMany(l => l.Turns).Where(t => t.Kind == WorkloadPlanner.Refund && t.Turn == 2).ToList();
        report.Line($"Refund confirmations paid (`issue_refund:ok`): {refunds.Count(t => t.ToolOutcomes.Contains("issue_refund:ok"))}/{refunds.Count}.");
        report.Line();

        report.Data("levels", levels.Select(l => new
        {
            l.Concurrency, l.Conversations, turns = l.Turns.Count, l.Failed, l.TurnsPerSecond, wallSeconds = l.Wall.TotalSeconds,
            firstResponseMs = l.FirstResponse, wholeTurnMs = l.Completed,
            byTurn = l.Turns.GroupBy(t => $"{t.Kind}#{t.Turn}").ToDictionary(g => g.Key, g => Distribution.Of(g.Where(t => t.Ok).Select(t => t.FirstResponseMs))),
            errors = l.Turns.Where(t => !t.Ok).GroupBy(t => t.Error).ToDictionary(g => g.Key!, g => g.Count()),
        }).ToList());
    }

    private static void AssertNoFailures(IReadOnlyList<LevelResult> levels)
    {
        var failures = levels.SelectMany(l => l.Turns).Where(t => !t.Ok).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} turns failed, e.g. {failures.FirstOrDefault()?.Error}");
    }

    private static string F(double value) => double.IsFinite(value) ? value.ToString("F0", CultureInfo.InvariantCulture) : "-";
}
