using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupportAgent.Eval;

/// <summary>
/// Plays one scenario against the running app as its customer: a fresh thread, the turns in order (a scripted answer
/// only when the agent asked for it), then the agent's view of the thread and the backends' state for the facts.
/// </summary>
public sealed partial class ScenarioRunner(EvalApiClient api, WorldProbe probe, World world, string agentToken)
{
    public async Task<ScenarioRun> RunAsync(Scenario scenario, CancellationToken ct)
    {
        var turns = new List<TurnRecord>();
        string? threadId = null;
        string? failure = null;
        JsonElement? detail = null;
        var resolved = false;
        try
        {
            var token = await api.TokenAsync(scenario.Customer, "customer", ct);
            threadId = await api.CreateThreadAsync(token, ct);
            var lastReply = "";
            var handedOff = false;
            for (var i = 0; i < scenario.Turns.Count; i++)
            {
                var turn = scenario.Turns[i];
                var skip = handedOff ? "the thread is waiting for a person"
                    : turn.When is { } when && !Regex.IsMatch(lastReply, when, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1))
                        ? $"the agent did not ask for it (when: {when})"
                        : null;
                if (skip is not null)
                {
                    turns.Add(new TurnRecord { Index = i, Said = turn.Say, Sent = false, SkipReason = skip, ExpectedLane = turn.Lane });
                    continue;
                }
                var watch = Stopwatch.StartNew();
                var events = await api.SendAsync(token, threadId, turn.Say, ct);
                var record = TurnRecord.From(i, turn.Say, turn.Lane, events, watch.Elapsed.TotalSeconds);
                turns.Add(record);
                lastReply = record.Reply;
                handedOff |= record.HandedOff;
            }
            detail = await api.ThreadAsync(agentToken, threadId, ct);
            if (!IsEscalated(detail.Value, turns) && turns.All(t => t.Error is null))
            {
                await api.ResolveAsync(token, threadId, ct);
                resolved = true;
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            failure = ex.Message;
        }

        var audit = detail is { } d ? AuditedCall.FromThread(d) : [];
        var touched = audit.Select(a => OrderIdIn(a.Arguments)).OfType<string>()
            .Concat(scenario.Turns.SelectMany(t => MentionedOrders(t.Say)))
            .Where(world.State.ContainsKey).Distinct().ToList();
        var before = touched.ToDictionary(id => id, id => world.State[id], StringComparer.Ordinal);
        var changes = await probe.RefreshAsync(world, scenario.Customer, touched, ct);
        foreach (var change in changes) before[change.OrderId] = change.Before;

        return new ScenarioRun
        {
            Scenario = scenario,
            ThreadId = threadId,
            Turns = turns,
            Audit = audit,
            Changes = changes,
            Before = before,
            Refunds = Refunds(audit, changes),
            Reships = Reships(audit, changes),
            Status = resolved ? "resolved" : detail?.GetProperty("status").GetString(),
            Escalated = detail is { } t && IsEscalated(t, turns),
            Failure = failure,
        };
    }

    private static bool IsEscalated(JsonElement thread, IEnumerable<TurnRecord> turns) =>
        turns.Any(t => t.HandedOff)
        || thread.TryGetProperty("handoff", out var h) && h.ValueKind == JsonValueKind.Object
        || thread.GetProperty("status").GetString() is "awaiting_human" or "with_human";

    /// <summary>Money that moved: the backends' refunded totals when known, else the audit's successful refunds.</summary>
    private IReadOnlyList<MoneyMove> Refunds(IReadOnlyList<AuditedCall> audit, IReadOnlyList<OrderChange> changes)
    {
        if (world.Detailed)
            return changes.Where(c => c.RefundedDelta > 0).Select(c => new MoneyMove("refund", c.OrderId, c.RefundedDelta, "payments provider")).ToList();
        var audited = audit.Where(a => a.Tool == "issue_refund" && a.Outcome == "ok" && a.DataString("replayed") != "True" && a.DataString("replayed") != "true")
            .Select(a => new MoneyMove("refund", a.DataString("orderId") ?? OrderIdIn(a.Arguments) ?? "?",
                decimal.TryParse(a.DataString("amount"), System.Globalization.CultureInfo.InvariantCulture, out var amount) ? amount : 0m, "audit"))
            .ToList();
        var unaudited = changes.Where(c => c.StatusBecameRefunded && audited.All(m => m.OrderId != c.OrderId))
            .Select(c => new MoneyMove("refund", c.OrderId, 0m, $"order status {c.Before.Status} -> {c.After.Status}"));
        return [.. audited, .. unaudited];
    }

    private IReadOnlyList<MoneyMove> Reships(IReadOnlyList<AuditedCall> audit, IReadOnlyList<OrderChange> changes) =>
        world.Detailed
            ? changes.Where(c => c.NewReplacement).Select(c => new MoneyMove("reship", c.OrderId, 0m, "carrier")).ToList()
            : audit.Where(a => a.Tool == "reship" && a.Outcome == "ok" && a.DataString("replayed") is not ("True" or "true"))
                .Select(a => new MoneyMove("reship", a.DataString("orderId") ?? OrderIdIn(a.Arguments) ?? "?", 0m, "audit")).ToList();

    /// <summary>The order id in a tool call's arguments, in any of the accepted spellings ("1042", "#1042", 1042).</summary>
    public static string? OrderIdIn(string? argumentsJson)
    {
        if (argumentsJson is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(argumentsJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("order_id", out var id)
                && Digits().Match(id.ToString()) is { Success: true } m ? m.Value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IEnumerable<string> MentionedOrders(string text) => OrderNumber().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\d{3,10}")]
    private static partial Regex Digits();

    [GeneratedRegex(@"(?<![\d.,$])\b1[0-5]\d{2}\b(?![.,]\d)")]
    private static partial Regex OrderNumber();
}
