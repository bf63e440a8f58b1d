using System.Globalization;
using System.Text.RegularExpressions;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// Reads back the orders the engine showed in earlier replies (<see cref="OrderReplies.Listed"/> lines and
/// <see cref="OrderReplies.Describe"/>): the graph sends earlier turns as text only, so this is how "the second one"
/// or "the lamp" a turn later finds its order.
/// </summary>
internal static partial class OrderTexts
{
    /// <summary>The lines "- Order 1001: delivered, $129.99, placed March 1, 2025", in the order shown.</summary>
    public static IReadOnlyList<KnownOrder> ListIn(string text) =>
        ListLine().Matches(text).Select(m => new KnownOrder(
            m.Groups["id"].Value, m.Groups["status"].Value.Trim().Replace(' ', '_'), Money(m.Groups["total"].Value),
            ParseDate(m.Groups["placed"].Value))).ToList();

    /// <summary>"Order 1001 is delivered. Items: 1 × LED Desk Lamp ($38.99). Total: $38.99. Placed March 1, 2025".</summary>
    public static IReadOnlyList<KnownOrder> DescribedIn(string text) =>
        Description().Matches(text).Select(m => new KnownOrder(
            m.Groups["id"].Value, m.Groups["status"].Value.Trim().Replace(' ', '_'),
            m.Groups["total"].Success ? Money(m.Groups["total"].Value) : null,
            m.Groups["placed"].Success ? ParseDate(m.Groups["placed"].Value) : null,
            m.Groups["items"].Success ? ItemNames(m.Groups["items"].Value) : null)).ToList();

    public static IReadOnlyList<string> Mentioned(string text) => MessageEntities.Read(text).OrderIds;

    public static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static IReadOnlyList<string> ItemNames(string items) =>
        ItemName().Matches(items).Select(m => m.Groups["name"].Value.Trim()).ToList();

    private static decimal? Money(string value) =>
        decimal.TryParse(value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    [GeneratedRegex(@"^\s*-\s*Order (?<id>\d+): (?<status>[a-z ]+), \$(?<total>[\d,]+\.\d{2})(?:, placed (?<placed>[A-Za-z]+ \d{1,2}, \d{4}))?", RegexOptions.Multiline)]
    private static partial Regex ListLine();

    [GeneratedRegex(@"\bOrder (?<id>\d+) is (?<status>[a-z ]+)\.(?: Items: (?<items>\d+ × [^\n]*?\(\$[\d,]+\.\d{2}\)(?:, \d+ × [^\n]*?\(\$[\d,]+\.\d{2}\))*)\.)?(?: Total: \$(?<total>[\d,]+\.\d{2}))?(?:[^\n]*?Placed (?<placed>[A-Za-z]+ \d{1,2}, \d{4}))?")]
    private static partial Regex Description();

    [GeneratedRegex(@"\d+ × (?<name>[^,]+?) \(\$")]
    private static partial Regex ItemName();
}
