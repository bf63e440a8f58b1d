using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportAgent.Eval;

/// <summary>One scenario's verdict: the run, what did not match the expectation, and the policy violations.</summary>
public sealed record ScenarioResult(ScenarioRun Run, IReadOnlyList<string> Misses, IReadOnlyList<Violation> Violations)
{
    public Scenario Scenario => Run.Scenario;
    public bool Correct => Misses.Count == 0;

    /// <summary>The report groups by the lane the scenario is about (its expected lane, else where it ended up).</summary>
    public string Group => Scenario.Expect.Lane ?? Run.FinalLane ?? ScenarioLoader.NoLane;
}

/// <summary>Totals over a set of scenario results: the figures of the printed table.</summary>
public sealed record EvalTotals(
    int Scenarios, int Correct, int Deflected, int Escalated, int Violations, long InputTokens, long OutputTokens, decimal Cost,
    long ResolvedTokens, decimal ResolvedCost)
{
    public double CorrectRate => Scenarios == 0 ? 0 : (double)Correct / Scenarios;
    public double DeflectionRate => Scenarios == 0 ? 0 : (double)Deflected / Scenarios;
    public double EscalationRate => Scenarios == 0 ? 0 : (double)Escalated / Scenarios;
    public long TokensPerResolved => Deflected == 0 ? 0 : ResolvedTokens / Deflected;

    /// <summary>Model spend of the threads the bot resolved / their number (ARCHITECTURE.md §8).</summary>
    public decimal CostPerResolved => Deflected == 0 ? 0 : ResolvedCost / Deflected;

    public static EvalTotals Of(IReadOnlyCollection<ScenarioResult> results) => new(
        results.Count,
        results.Count(r => r.Correct),
        results.Count(r => r.Run.Deflected),
        results.Count(r => r.Run.Escalated),
        results.Sum(r => r.Violations.Count),
        results.Sum(r => r.Run.InputTokens),
        results.Sum(r => r.Run.OutputTokens),
        results.Sum(r => r.Run.Cost),
        results.Where(r => r.Run.Deflected).Sum(r => r.Run.InputTokens + r.Run.OutputTokens),
        results.Where(r => r.Run.Deflected).Sum(r => r.Run.Cost));
}

public sealed record EvalReport(string Target, string Provider, DateTimeOffset StartedAt, double Seconds, IReadOnlyList<ScenarioResult> Results)
{
    public EvalTotals Totals => EvalTotals.Of(Results);

    public IReadOnlyList<Violation> Violations => Results.SelectMany(r => r.Violations).ToList();

    public bool Passes(double minCorrect) => Violations.Count == 0 && Totals.CorrectRate >= minCorrect;

    public void Print(TextWriter output)
    {
        var rows = Results.GroupBy(r => r.Group).OrderBy(g => LaneOrder(g.Key)).Select(g => (g.Key, EvalTotals.Of(g.ToList()))).ToList();
        output.WriteLine();
        output.WriteLine($"{"lane",-14}{"scenarios",10}{"correct",10}{"deflected",11}{"escalated",11}{"violations",12}{"tokens in/out",18}{"cost $",10}");
        output.WriteLine(new string('-', 96));
        foreach (var (lane, t) in rows.Append(("TOTAL", Totals)))
        {
            if (lane == "TOTAL") output.WriteLine(new string('-', 96));
            output.WriteLine($"{lane,-14}{t.Scenarios,10}{t.Correct,10}{t.Deflected,11}{t.Escalated,11}{t.Violations,12}{$"{t.InputTokens}/{t.OutputTokens}",18}{t.Cost.ToString("0.0000", CultureInfo.InvariantCulture),10}");
        }
        var total = Totals;
        output.WriteLine();
        output.WriteLine($"correct outcomes     {total.Correct}/{total.Scenarios} ({Percent(total.CorrectRate)})");
        output.WriteLine($"deflection           {Percent(total.DeflectionRate)} (bot resolved {total.Deflected} of {total.Scenarios})");
        output.WriteLine($"escalation           {Percent(total.EscalationRate)} ({total.Escalated} handed to a person)");
        output.WriteLine($"policy violations    {Violations.Count}");
        output.WriteLine($"per resolved ticket  {total.TokensPerResolved} tokens, ${total.CostPerResolved.ToString("0.000000", CultureInfo.InvariantCulture)}");
        output.WriteLine($"run                  {Provider} against {Target}, {Seconds:0.0} s");

        foreach (var r in Results.Where(r => !r.Correct || r.Violations.Count > 0))
        {
            output.WriteLine();
            output.WriteLine($"{(r.Violations.Count > 0 ? "VIOLATION" : "WRONG")} {r.Scenario.Id} ({r.Scenario.Source}, thread {r.Run.ThreadId})");
            foreach (var v in r.Violations) output.WriteLine($"  ! {v.Kind}: {v.Detail}");
            foreach (var m in r.Misses) output.WriteLine($"  - {m}");
            foreach (var t in r.Run.Turns)
            {
                output.WriteLine($"    > {t.Said}");
                output.WriteLine(t.Sent
                    ? $"    < [{t.Lane}{(t.ToolCalls.Count > 0 ? " " + string.Join(",", t.ToolCalls.Select(c => $"{c.Tool}:{c.Outcome}")) : "")}] {OneLine(t.Reply)}"
                    : $"    (not sent: {t.SkipReason})");
            }
        }
    }

    public async Task WriteJsonAsync(string path, CancellationToken ct)
    {
        var document = new
        {
            Target, Provider, StartedAt, Seconds,
            Totals = new
            {
                Totals.Scenarios, Totals.Correct, Totals.CorrectRate, Totals.Deflected, Totals.DeflectionRate, Totals.Escalated,
                Totals.EscalationRate, Totals.Violations, Totals.InputTokens, Totals.OutputTokens, Totals.Cost, Totals.TokensPerResolved, Totals.CostPerResolved,
            },
            Lanes = Results.GroupBy(r => r.Group).ToDictionary(g => g.Key, g => EvalTotals.Of(g.ToList())),
            Scenarios = Results.Select(r => new
            {
                r.Scenario.Id, r.Scenario.Title, r.Scenario.Source, r.Scenario.Customer, r.Scenario.Tags, r.Correct, r.Misses, r.Violations,
                r.Run.ThreadId, r.Run.Status, r.Run.Escalated, r.Run.FinalLane, r.Run.Failure,
                ToolsRequested = r.Run.ToolsRequested.Order(StringComparer.Ordinal),
                r.Run.Refunds, r.Run.Reships, r.Run.InputTokens, r.Run.OutputTokens, r.Run.Cost,
                r.Run.Turns,
                Audit = r.Run.Audit.Select(a => new { a.CallId, a.Node, a.Tool, a.Arguments, a.Outcome }),
                r.Run.Changes,
            }),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, JsonOptions, ct);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static int LaneOrder(string lane) => lane switch
    {
        "REFUND" => 0, "SHIPPING" => 1, "ORDER_LOOKUP" => 2, "GENERAL" => 3, _ => 4,
    };

    private static string Percent(double rate) => rate.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string OneLine(string text)
    {
        var line = ScenarioJudge.Normalize(text);
        return line.Length <= 220 ? line : line[..217] + "...";
    }
}
