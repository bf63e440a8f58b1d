using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Protocol;

/// <summary>
/// Money moves only on a confirmed proposal (docs/CONTRACTS.md, "Proposals"). A specialist, model or offline, calls
/// <c>propose_refund</c> / <c>propose_reship</c>; the graph records the proposal in the thread's checkpointed state and
/// the reply asks the customer. The customer's yes on the next turn confirms it, and only then does the tool node run
/// <c>issue_refund</c> / <c>reship</c> with exactly that order and amount.
/// </summary>
public static partial class Proposals
{
    public const string ProposeRefund = "propose_refund";
    public const string ProposeReship = "propose_reship";
    public const string IssueRefund = "issue_refund";
    public const string Reship = "reship";

    public static class Kinds
    {
        public const string Refund = "refund";
        public const string Reship = "reship";
    }

    public static class Statuses
    {
        public const string Proposed = "proposed";
        public const string Confirmed = "confirmed";
        public const string Declined = "declined";
        public const string Executed = "executed";
        public const string AwaitingApproval = "awaiting_approval";
        public const string Approved = "approved";
        public const string Denied = "denied";
    }

    public static bool IsPropose(string tool) => tool is ProposeRefund or ProposeReship;

    /// <summary>Tools that move money or goods: they run only on a confirmed (or approved) proposal.</summary>
    public static bool IsMoney(string tool) => tool is IssueRefund or Reship;

    public static string KindOf(string tool) => tool is ProposeRefund or IssueRefund ? Kinds.Refund : Kinds.Reship;

    public static string ExecutingTool(string kind) => kind == Kinds.Refund ? IssueRefund : Reship;

    /// <summary>
    /// The proposal a propose_* call describes, or the reason it cannot be recorded (a message the model can act on).
    /// </summary>
    public static (Proposal? Proposal, string? Error) FromCall(string tool, IDictionary<string, object?> arguments, string lane)
    {
        var orderId = OrderIdOf(Argument(arguments, "order_id"));
        if (orderId is null) return (null, "order_id must be an order number, e.g. 1042.");
        var reason = Argument(arguments, "reason") is { Length: > 0 } r ? Truncate(r, 300) : "customer request";
        if (tool == ProposeReship)
            return (new Proposal(NewId(), Kinds.Reship, orderId, null, reason, Statuses.Proposed, lane), null);
        var amount = AmountOf(Argument(arguments, "amount"));
        if (amount is not > 0m) return (null, "amount must be a positive number of dollars with at most two decimals, e.g. 25.50.");
        return (new Proposal(NewId(), Kinds.Refund, orderId, amount, reason, Statuses.Proposed, lane), null);
    }

    /// <summary>
    /// Whether a money call executes exactly this proposal: same kind, same order and, for refunds, the same amount to
    /// the cent (an absent amount, "everything refundable", is not the amount the customer agreed to).
    /// </summary>
    public static bool Matches(Proposal proposal, string tool, IDictionary<string, object?> arguments)
    {
        if (!IsMoney(tool) || KindOf(tool) != proposal.Kind) return false;
        if (OrderIdOf(Argument(arguments, "order_id")) != proposal.OrderId) return false;
        return proposal.Kind == Kinds.Reship || AmountOf(Argument(arguments, "amount")) == proposal.Amount;
    }

    /// <summary>The arguments of the money call that executes <paramref name="proposal"/>.</summary>
    public static Dictionary<string, object?> ExecutionArguments(Proposal proposal) => proposal.Kind == Kinds.Refund
        ? new() { ["order_id"] = proposal.OrderId, ["amount"] = proposal.Amount, ["reason"] = proposal.Reason }
        : new() { ["order_id"] = proposal.OrderId, ["reason"] = proposal.Reason };

    /// <summary>What the customer is asked, in the words the tool result gives the model.</summary>
    public static string Question(Proposal proposal) => proposal.Kind == Kinds.Refund
        ? $"refund {Money(proposal.Amount ?? 0)} for order {proposal.OrderId} to the original payment method?"
        : $"send a replacement for order {proposal.OrderId}?";

    public static string Money(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    // The proposal travels to the specialist in a tagged system section, like the lane (LaneTag): a model reads it
    // as context, the offline engine reads it to know what a yes confirmed.

    public static string Format(Proposal proposal) =>
        $"""
        <proposal>{JsonSerializer.Serialize(proposal, Json)}</proposal>
        {Instruction(proposal)}
        """;

    public static Proposal? Read(IEnumerable<ChatMessage> messages) =>
        messages.Where(m => m.Role == ChatRole.System)
            .Select(m => TagPattern().Match(m.Text))
            .Where(m => m.Success)
            .Select(m => Parse(m.Groups[1].Value))
            .LastOrDefault(p => p is not null);

    private static string Instruction(Proposal p) => p.Status switch
    {
        Statuses.Proposed => $"You proposed to {Question(p)} The customer has not confirmed it. Their message may answer it; if they confirm, the graph records it and you may then call {ExecutingTool(p.Kind)}.",
        Statuses.Confirmed => $"The customer confirmed this proposal. Call {ExecutingTool(p.Kind)} now with exactly order_id {p.OrderId}{(p.Amount is { } a ? $" and amount {a.ToString(CultureInfo.InvariantCulture)}" : "")}, then report what the tool answered.",
        Statuses.Declined => "The customer declined this proposal: do not execute it. Acknowledge it, or propose again if they asked for something different.",
        _ => $"Status: {p.Status}.",
    };

    private static Proposal? Parse(string json)
    {
        try { return JsonSerializer.Deserialize<Proposal>(json, Json); }
        catch (JsonException) { return null; }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static string NewId() => $"prop_{Guid.NewGuid():n}";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>An argument as text, whatever JSON shape it arrived in.</summary>
    public static string? Argument(IDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            JsonElement e => e.GetRawText(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        } : null;

    /// <summary>Order ids as the ToolsService reads them: 1042, "1042", "#1042", "order 1042".</summary>
    public static string? OrderIdOf(string? text)
    {
        if (text is null) return null;
        var match = OrderPattern().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Amounts as the ToolsService reads them: 25.5, "25.50", "$25.50"; whole cents only.</summary>
    public static decimal? AmountOf(string? text)
    {
        if (text is null) return null;
        var trimmed = text.Trim().TrimStart('$').Replace(",", "");
        return decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
               && amount == decimal.Round(amount, 2)
            ? decimal.Round(amount, 2) + 0.00m // two decimals, as money is written: 20 -> 20.00
            : null;
    }

    [GeneratedRegex(@"^\s*(?:order\s*)?#?\s*(\d{1,10})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"<proposal>\s*(\{.*?\})\s*</proposal>", RegexOptions.Singleline)]
    private static partial Regex TagPattern();
}

/// <summary>
/// An action the specialist proposed and the customer must confirm (or, above policy limits, a person approve).
/// Plain data: it lives in the checkpointed conversation state and in the handoff row.
/// </summary>
/// <param name="Id">prop_{guid}; the ToolsService keys the provider's idempotency by it, so a retry pays once.</param>
/// <param name="Kind">refund or reship.</param>
/// <param name="Amount">Dollars, refunds only.</param>
/// <param name="Lane">The lane that proposed it; a yes or no goes back to it.</param>
public sealed record Proposal(
    string Id, string Kind, string OrderId, decimal? Amount, string Reason, string Status, string Lane)
{
    /// <summary>The agent who approved it above the policy limit (issue 19), sent as the tools token's approved_by.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>Why policy needed a person: above_cap, daily_ceiling or second_reship.</summary>
    public string? Policy { get; init; }

    public Proposal With(string status) => this with { Status = status };
}
