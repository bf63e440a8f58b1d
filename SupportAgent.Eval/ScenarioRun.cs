using System.Text.Json;

namespace SupportAgent.Eval;

/// <summary>A tool call as the customer's stream announced it, with the outcome the tool node reported.</summary>
public sealed record StreamedToolCall(string CallId, string Tool, string? Outcome);

/// <summary>What happened in one turn, read from its event stream.</summary>
public sealed record TurnRecord
{
    public required int Index { get; init; }
    public required string Said { get; init; }
    public bool Sent { get; init; } = true;
    public string? SkipReason { get; init; }
    public string? ExpectedLane { get; init; }
    /// <summary>Every lane the turn was routed to, in order: a message that asks several things visits one lane per request.</summary>
    public IReadOnlyList<string> Lanes { get; init; } = [];

    /// <summary>The turn's lane, its first route; NONE when the input guard answered before any routing; null if not sent.</summary>
    public string? Lane => Sent ? Lanes.Count > 0 ? Lanes[0] : ScenarioLoader.NoLane : null;
    public double? Confidence { get; init; }
    public string Reply { get; init; } = "";
    public IReadOnlyList<StreamedToolCall> ToolCalls { get; init; } = [];
    public bool HandedOff { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public decimal Cost { get; init; }
    public string? Error { get; init; }
    public double Seconds { get; init; }

    public static TurnRecord From(int index, string said, string? expectedLane, IReadOnlyList<SseEvent> events, double seconds)
    {
        var route = events.FirstOrDefault(e => e.Type == "route");
        var done = events.LastOrDefault(e => e.Type == "done");
        var results = events.Where(e => e.Type == "tool_result").ToDictionary(e => e.Str("callId"), e => e.Str("outcome"));
        return new TurnRecord
        {
            Index = index,
            Said = said,
            ExpectedLane = expectedLane,
            Lanes = events.Where(e => e.Type == "route").Select(e => e.Str("lane")).Distinct().ToList(),
            Confidence = route is not null && route.Data.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : null,
            Reply = string.Concat(events.Where(e => e.Type == "delta").Select(e => e.Str("text"))),
            ToolCalls = events.Where(e => e.Type == "tool_call")
                .Select(e => new StreamedToolCall(e.Str("callId"), e.Str("tool"), results.GetValueOrDefault(e.Str("callId"))))
                .ToList(),
            HandedOff = events.Any(e => e.Type == "handoff"),
            InputTokens = Long(done, "inputTokens"),
            OutputTokens = Long(done, "outputTokens"),
            Cost = done is not null && done.Data.TryGetProperty("cost", out var cost) && cost.ValueKind == JsonValueKind.Number ? cost.GetDecimal() : 0m,
            Error = events.FirstOrDefault(e => e.Type == "error") is { } error ? $"{error.Str("code")}: {error.Str("detail")}" : done is null ? "the stream ended without a done event" : null,
            Seconds = Math.Round(seconds, 3),
        };
    }

    private static long Long(SseEvent? e, string property) =>
        e is not null && e.Data.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}

/// <summary>A row of the ToolsService's audit as the Api shows it to agents (docs/CONTRACTS.md).</summary>
public sealed record AuditedCall(string CallId, string? Node, string Tool, string? Arguments, string? Result, string? Outcome)
{
    public JsonElement? Data
    {
        get
        {
            if (Result is null) return null;
            try
            {
                using var doc = JsonDocument.Parse(Result);
                return doc.RootElement.TryGetProperty("data", out var data) ? data.Clone() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Whether this row is the call the turn's stream announced as <paramref name="streamedCallId"/>. The audit keys a
    /// call by turn (<c>X-Tool-Call-Id</c> = <c>{turn id}/{graph call id}</c>, docs/CONTRACTS.md); the stream gives the
    /// graph's id alone.
    /// </summary>
    public bool IsCall(string streamedCallId) =>
        CallId == streamedCallId || CallId.EndsWith("/" + streamedCallId, StringComparison.Ordinal);

    /// <summary>The lane whose tool node ran the call: <c>REFUND_TOOLS</c> -> <c>REFUND</c>.</summary>
    public string? NodeLane => Node is { } node && node.EndsWith("_TOOLS", StringComparison.Ordinal) ? node[..^"_TOOLS".Length] : Node;

    public string? DataString(string property) =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(property, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;

    public static IReadOnlyList<AuditedCall> FromThread(JsonElement thread) =>
        thread.TryGetProperty("toolCalls", out var calls) && calls.ValueKind == JsonValueKind.Array
            ? calls.EnumerateArray().Select(c => new AuditedCall(
                c.GetProperty("callId").GetString()!,
                Optional(c, "node"), c.GetProperty("tool").GetString()!,
                Optional(c, "arguments"), Optional(c, "result"), Optional(c, "outcome"))).ToList()
            : [];

    private static string? Optional(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
}

/// <summary>A refund or replacement that the facts say happened: from the backends' state, else from the audit.</summary>
public sealed record MoneyMove(string Kind, string OrderId, decimal Amount, string Evidence);

/// <summary>Everything observed while running one scenario.</summary>
public sealed record ScenarioRun
{
    public required Scenario Scenario { get; init; }
    public string? ThreadId { get; init; }
    public IReadOnlyList<TurnRecord> Turns { get; init; } = [];
    public IReadOnlyList<AuditedCall> Audit { get; init; } = [];
    public IReadOnlyList<OrderChange> Changes { get; init; } = [];
    public IReadOnlyList<MoneyMove> Refunds { get; init; } = [];
    public IReadOnlyList<MoneyMove> Reships { get; init; } = [];
    public string? Status { get; init; }
    public bool Escalated { get; init; }
    public string? Failure { get; init; }

    /// <summary>Order states before the scenario ran, for the orders that changed.</summary>
    public IReadOnlyDictionary<string, OrderState> Before { get; init; } = new Dictionary<string, OrderState>();

    public IEnumerable<TurnRecord> SentTurns => Turns.Where(t => t.Sent);

    /// <summary>The conversation broke (a request failed or a turn ended in an error): neither resolved nor escalated by the bot.</summary>
    public bool Broken => Failure is not null || SentTurns.Any(t => t.Error is not null);

    /// <summary>The bot finished the conversation without a person.</summary>
    public bool Deflected => !Escalated && !Broken;

    public string Transcript => string.Join("\n", SentTurns.Select(t => t.Reply));

    /// <summary>Tools the agent asked for: the audit (executed) plus calls the graph announced (some refused before executing).</summary>
    public IReadOnlySet<string> ToolsRequested =>
        Audit.Select(a => a.Tool).Concat(SentTurns.SelectMany(t => t.ToolCalls).Select(c => c.Tool)).ToHashSet(StringComparer.Ordinal);

    public string? FinalLane => SentTurns.LastOrDefault()?.Lane;

    public long InputTokens => SentTurns.Sum(t => t.InputTokens);
    public long OutputTokens => SentTurns.Sum(t => t.OutputTokens);
    public decimal Cost => SentTurns.Sum(t => t.Cost);
}
