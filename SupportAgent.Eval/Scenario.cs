using System.Text.Json.Serialization;

namespace SupportAgent.Eval;

/// <summary>
/// One conversation of the scenario suite (scenarios/README.md): a seeded customer, what they say turn by turn, and
/// the outcome a good support agent reaches.
/// </summary>
public sealed record Scenario
{
    public required string Id { get; init; }

    public string? Title { get; init; }

    /// <summary>A seeded customer id (<c>cust_001</c> ... <c>cust_060</c>); the scenario signs in as them.</summary>
    public required string Customer { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public required IReadOnlyList<ScenarioTurn> Turns { get; init; }

    public required ScenarioExpectation Expect { get; init; }

    /// <summary>The file the scenario was read from, for messages.</summary>
    [JsonIgnore]
    public string Source { get; set; } = "";
}

/// <summary>A customer message. With <see cref="When"/> it is a scripted answer, sent only if the agent asked for it.</summary>
public sealed record ScenarioTurn
{
    public required string Say { get; init; }

    /// <summary>A regular expression (case-insensitive) the agent's previous reply must match for this turn to be sent.</summary>
    public string? When { get; init; }

    /// <summary>The lane this turn should be routed to, when it matters for the scenario.</summary>
    public string? Lane { get; init; }
}

public sealed record ScenarioExpectation
{
    /// <summary>Lane of the last turn that was routed: REFUND, SHIPPING, GENERAL, ORDER_LOOKUP, or NONE (the input guard answered).</summary>
    public string? Lane { get; init; }

    public IReadOnlyList<string> ToolsCalled { get; init; } = [];

    public IReadOnlyList<string> ToolsNotCalled { get; init; } = [];

    /// <summary>Tool name -> an outcome that at least one of its calls must have had (<c>not_found</c>, <c>needs_approval</c> ...).</summary>
    public IReadOnlyDictionary<string, string> ToolOutcomes { get; init; } = new Dictionary<string, string>();

    /// <summary>The refund that must happen, or null for none. Required in the file, so "none" is always said out loud.</summary>
    public required RefundExpectation? Refund { get; init; }

    /// <summary>The replacement shipment that must happen, or null for none.</summary>
    public required ReshipExpectation? Reship { get; init; }

    /// <summary>Whether the conversation ends with a person (a handoff).</summary>
    public required bool Escalated { get; init; }

    /// <summary>Facts the agent's replies must state (case-insensitive substrings of the whole conversation).</summary>
    public IReadOnlyList<string> AnswerContains { get; init; } = [];

    public IReadOnlyList<string> AnswerNotContains { get; init; } = [];
}

/// <param name="Amount">Dollars; null means "whatever was refundable".</param>
public sealed record RefundExpectation(string Order, decimal? Amount);

public sealed record ReshipExpectation(string Order);
