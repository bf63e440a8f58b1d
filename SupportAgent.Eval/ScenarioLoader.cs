using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SupportAgent.Eval;

/// <summary>
/// Reads <c>*.json</c> scenario files (a scenario, an array of them, or <c>{"scenarios": [...]}</c>) and checks them
/// before anything runs: a typo in a scenario must fail loudly, not pass quietly.
/// </summary>
public static partial class ScenarioLoader
{
    public const string NoLane = "NONE";

    private static readonly string[] KnownTools =
        ["get_order", "list_orders", "issue_refund", "get_tracking", "reship", "search_docs", "escalate_to_human"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record ScenarioFile(IReadOnlyList<Scenario> Scenarios);

    public static IReadOnlyList<Scenario> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new ScenarioException($"No scenario directory '{directory}'.");
        var files = Directory.GetFiles(directory, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new ScenarioException($"No *.json scenario files in '{directory}'.");
        var scenarios = files.SelectMany(LoadFile).ToList();
        Validate(scenarios);
        return scenarios;
    }

    public static IReadOnlyList<Scenario> LoadFile(string path)
    {
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            IReadOnlyList<Scenario> scenarios = doc.RootElement.ValueKind switch
            {
                JsonValueKind.Array => doc.RootElement.Deserialize<List<Scenario>>(Json) ?? [],
                JsonValueKind.Object when doc.RootElement.TryGetProperty("scenarios", out _) =>
                    doc.RootElement.Deserialize<ScenarioFile>(Json)?.Scenarios ?? [],
                JsonValueKind.Object => [doc.RootElement.Deserialize<Scenario>(Json)!],
                _ => throw new ScenarioException($"{name}: expected a scenario, an array of scenarios or {{\"scenarios\": [...]}}."),
            };
            foreach (var scenario in scenarios) scenario.Source = name;
            return scenarios;
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{name}: {ex.Message}");
        }
    }

    /// <summary>Checks every scenario and the suite as a whole; throws with every problem found, not just the first.</summary>
    public static void Validate(IReadOnlyList<Scenario> scenarios)
    {
        var problems = new List<string>();
        foreach (var duplicate in scenarios.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            problems.Add($"scenario id '{duplicate.Key}' is used {duplicate.Count()} times");
        foreach (var s in scenarios) problems.AddRange(Check(s).Select(p => $"{s.Source} {s.Id}: {p}"));

        // Each scenario that moves money or ships goods needs an order of its own, so one run cannot spoil another's.
        var mutated = scenarios
            .SelectMany(s => new[] { s.Expect.Refund?.Order, s.Expect.Reship?.Order }.OfType<string>().Distinct().Select(o => (Order: o, s.Id)))
            .GroupBy(x => x.Order).Where(g => g.Count() > 1);
        foreach (var group in mutated)
            problems.Add($"order {group.Key} is changed by more than one scenario ({string.Join(", ", group.Select(x => x.Id))})");

        if (problems.Count > 0) throw new ScenarioException("Invalid scenarios:\n  " + string.Join("\n  ", problems));
    }

    private static IEnumerable<string> Check(Scenario s)
    {
        if (!IdPattern().IsMatch(s.Id)) yield return "id must be lower-case words joined by '-'";
        if (!CustomerPattern().IsMatch(s.Customer)) yield return $"customer '{s.Customer}' is not a seeded customer id (cust_001 ... cust_060)";
        if (s.Turns.Count == 0) yield return "no turns";
        if (s.Turns.Count > 0 && s.Turns[0].When is not null) yield return "the first turn cannot be a scripted answer ('when')";
        foreach (var turn in s.Turns)
        {
            if (string.IsNullOrWhiteSpace(turn.Say)) yield return "a turn has no text";
            if (turn.Lane is { } lane && !IsLane(lane)) yield return $"turn lane '{lane}' is unknown";
            if (turn.When is { } when && !Compiles(when)) yield return $"'when' is not a valid regular expression: {when}";
        }
        var e = s.Expect;
        if (e.Lane is { } expected && !IsLane(expected)) yield return $"lane '{expected}' is unknown";
        foreach (var tool in e.ToolsCalled.Concat(e.ToolsNotCalled).Concat(e.ToolOutcomes.Keys).Where(t => !KnownTools.Contains(t)))
            yield return $"unknown tool '{tool}'";
        foreach (var tool in e.ToolsCalled.Intersect(e.ToolsNotCalled)) yield return $"'{tool}' is both called and not called";
        if (e.Refund is { } refund && !OrderPattern().IsMatch(refund.Order ?? "")) yield return "refund.order must be an order number";
        if (e.Refund?.Amount is <= 0) yield return "refund.amount must be positive";
        if (e.Reship is { } reship && !OrderPattern().IsMatch(reship.Order ?? "")) yield return "reship.order must be an order number";
        if (e.Refund is not null && e.ToolsNotCalled.Contains("issue_refund")) yield return "a refund is expected but issue_refund is not to be called";
        if (e.Reship is not null && e.ToolsNotCalled.Contains("reship")) yield return "a reship is expected but reship is not to be called";
    }

    private static bool IsLane(string lane) => lane == NoLane || Lanes.All.Contains(lane);

    private static bool Compiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^cust_\d{3}$")]
    private static partial Regex CustomerPattern();

    [GeneratedRegex(@"^\d{4,10}$")]
    private static partial Regex OrderPattern();
}

public sealed class ScenarioException(string message) : Exception(message);
