using System.Text.Json;
using System.Text.RegularExpressions;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Graph;

/// <summary>
/// Checks a specialist's finished reply against what actually happened in the turn, whatever the model wrote:
/// no refund promised that no tool performed, and no order mentioned that is neither the customer's own (per a tool
/// result) nor one the customer named. The reply has already streamed, so a violation is corrected in a final
/// paragraph, recorded on the node's span and counted.
/// </summary>
public static partial class OutputGuard
{
    public sealed record Finding(string Code, string Correction);

    public static Finding? Check(string reply, IReadOnlyList<CompletedToolCall> turnCalls, ConversationState state)
    {
        var refunded = turnCalls.Any(c => c.Name == "issue_refund" && c.Outcome == ToolOutcomes.Ok);
        if (!refunded && RefundPromise().IsMatch(reply))
        {
            return new("refund_promise", "To be clear: no refund has been issued in this conversation yet.");
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        // Earlier replies passed this guard when they were written, so what they named is known too.
        foreach (var line in state.History) known.UnionWith(OrderIds(line.Text));
        foreach (var call in turnCalls.Where(c => c.Outcome == ToolOutcomes.Ok)) known.UnionWith(OrderIds(DataOf(call.ResultJson)));
        var foreign = OrderIds(reply).Where(id => !known.Contains(id)).ToList();
        return foreign.Count == 0
            ? null
            : new("foreign_order", "Please disregard any order details above that I could not confirm on your account; I can only discuss your own orders.");
    }

    private static IEnumerable<string> OrderIds(string text) => OrderId().Matches(text).Select(m => m.Value);

    private static string DataOf(string resultJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(resultJson);
            return doc.RootElement.TryGetProperty("data", out var data) ? data.GetRawText() : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"\b1[0-5]\d{2}\b")]
    private static partial Regex OrderId();

    [GeneratedRegex(@"\bI(?:'ve| have)\s+(?:now\s+)?(?:issued|processed|refunded|sent)\b[^.?!]*\brefund|\bI(?:'ve| have)\s+(?:now\s+)?refunded\b|\byour refund (?:has been|was|is) (?:issued|processed|approved|on its way)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex RefundPromise();
}
