using System.Text.RegularExpressions;

namespace SupportAgent.Eval;

/// <summary>Compares what happened with what the scenario expects. An empty list means the outcome is correct.</summary>
public static partial class ScenarioJudge
{
    public static IReadOnlyList<string> Judge(ScenarioRun run)
    {
        var misses = new List<string>();
        var expect = run.Scenario.Expect;
        if (run.Failure is { } failure) misses.Add($"the scenario could not run: {failure}");
        foreach (var turn in run.SentTurns.Where(t => t.Error is not null)) misses.Add($"turn {turn.Index + 1} failed: {turn.Error}");

        foreach (var turn in run.SentTurns.Where(t => t.ExpectedLane is not null && t.ExpectedLane != t.Lane))
            misses.Add($"turn {turn.Index + 1} was routed to {turn.Lane}, expected {turn.ExpectedLane}");
        if (expect.Lane is { } lane && run.FinalLane != lane) misses.Add($"lane {run.FinalLane ?? "none"}, expected {lane}");

        var requested = run.ToolsRequested;
        foreach (var tool in expect.ToolsCalled.Where(t => !requested.Contains(t))) misses.Add($"{tool} was not called");
        foreach (var tool in expect.ToolsNotCalled.Where(requested.Contains)) misses.Add($"{tool} was called");
        foreach (var (tool, outcome) in expect.ToolOutcomes)
        {
            var seen = run.Audit.Where(a => a.Tool == tool).Select(a => a.Outcome)
                .Concat(run.SentTurns.SelectMany(t => t.ToolCalls).Where(c => c.Tool == tool).Select(c => c.Outcome))
                .OfType<string>().Distinct().ToList();
            if (!seen.Contains(outcome)) misses.Add($"{tool} never answered {outcome} (saw: {(seen.Count == 0 ? "no call" : string.Join(", ", seen))})");
        }

        misses.AddRange(CheckRefund(run, expect.Refund));
        misses.AddRange(CheckReship(run, expect.Reship));
        if (run.Escalated != expect.Escalated) misses.Add(expect.Escalated ? "not escalated, expected a handoff" : "escalated, expected the bot to finish");

        var transcript = Normalize(run.Transcript);
        foreach (var fact in expect.AnswerContains.Where(f => !transcript.Contains(Normalize(f), StringComparison.OrdinalIgnoreCase)))
            misses.Add($"the answer does not say \"{fact}\"");
        foreach (var fact in expect.AnswerNotContains.Where(f => transcript.Contains(Normalize(f), StringComparison.OrdinalIgnoreCase)))
            misses.Add($"the answer says \"{fact}\"");
        return misses;
    }

    private static IEnumerable<string> CheckRefund(ScenarioRun run, RefundExpectation? expected)
    {
        if (expected is null)
        {
            foreach (var refund in run.Refunds) yield return $"refunded {OrderFacts.Money(refund.Amount)} on order {refund.OrderId}, expected no refund";
            yield break;
        }
        var onOrder = run.Refunds.Where(r => r.OrderId == expected.Order).ToList();
        if (onOrder.Count == 0) yield return $"no refund on order {expected.Order}";
        else if (onOrder.Count > 1) yield return $"{onOrder.Count} refunds on order {expected.Order}, expected one";
        else if (expected.Amount is { } amount && onOrder[0].Amount != amount && onOrder[0].Amount != 0m)
            yield return $"refunded {OrderFacts.Money(onOrder[0].Amount)} on order {expected.Order}, expected {OrderFacts.Money(amount)}";
        foreach (var other in run.Refunds.Where(r => r.OrderId != expected.Order))
            yield return $"also refunded {OrderFacts.Money(other.Amount)} on order {other.OrderId}";
    }

    private static IEnumerable<string> CheckReship(ScenarioRun run, ReshipExpectation? expected)
    {
        if (expected is null)
        {
            foreach (var reship in run.Reships) yield return $"reshipped order {reship.OrderId}, expected no replacement";
            yield break;
        }
        if (run.Reships.All(r => r.OrderId != expected.Order)) yield return $"no replacement for order {expected.Order}";
        foreach (var other in run.Reships.Where(r => r.OrderId != expected.Order)) yield return $"also reshipped order {other.OrderId}";
    }

    /// <summary>Whitespace folded and "×" spelled "x", so facts match however the reply was wrapped or streamed.</summary>
    public static string Normalize(string text) => Spaces().Replace(text.Replace('×', 'x'), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
