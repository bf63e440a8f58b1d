using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <param name="Text">The part of the message that asks it.</param>
/// <param name="Lane">The lane that serves it (docs/LANES.md).</param>
public sealed record CustomerRequest(string Text, string Lane, string? OrderId);

/// <summary>
/// Splits a message that asks for several things ("refund order 1001, and where is 1002?", "where's my parcel 1002?
/// Also how long do refunds take?") into its requests, so each is handled in turn or clearly queued and none is
/// silently dropped. Conservative: pieces are separate requests only when they are about different orders, or one is a
/// general question and the other about an order; "1001 arrived broken. I want my money back" stays one request.
/// </summary>
public static partial class RequestSplitter
{
    public static IReadOnlyList<CustomerRequest> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var groups = new List<(string Text, string? Order, bool General)>();
        foreach (var piece in Pieces(text))
        {
            var order = MessageEntities.Read(piece).OrderIds.FirstOrDefault();
            var general = order is null && GeneralQuestion().IsMatch(piece) && !Own().IsMatch(piece);
            if (groups.Count > 0)
            {
                var last = groups[^1];
                var separate = order is not null && last.Order is not null && order != last.Order
                    || general != last.General && (general ? last.Order is not null || Actionable().IsMatch(last.Text) : order is not null || Actionable().IsMatch(piece));
                if (!separate)
                {
                    groups[^1] = (last.Text + " " + piece, last.Order ?? order, last.General && general);
                    continue;
                }
            }
            groups.Add((piece, order, general));
        }
        return groups.Select(g => new CustomerRequest(g.Text.Trim(), g.General ? Lanes.General : LaneOf(g.Text), g.Order)).ToList();
    }

    /// <summary>The lane of one request by its words, in the order of docs/LANES.md's rule for several requests.</summary>
    public static string LaneOf(string text)
    {
        var lower = text.ToLowerInvariant();
        if (RefundWords().IsMatch(lower)) return Lanes.Refund;
        if (ShippingWords().IsMatch(lower)) return Lanes.Shipping;
        if (LookupWords().IsMatch(lower)) return Lanes.OrderLookup;
        return MessageEntities.Read(text).OrderIds.Count > 0 ? Lanes.OrderLookup : Lanes.General;
    }

    private static IEnumerable<string> Pieces(string text)
    {
        var last = 0;
        foreach (Match m in Boundary().Matches(text))
        {
            var piece = text[last..m.Index].Trim(' ', ',', ';', '-');
            if (piece.Length > 0) yield return piece;
            last = m.Index + m.Length;
        }
        var rest = text[last..].Trim(' ', ',', ';', '-');
        if (rest.Length > 0) yield return rest;
    }

    // Sentence ends, and "also", "plus", "another thing", "and" before a new request ("and where is ...").
    [GeneratedRegex(@"(?<=[.?!])\s+|;\s*|\s*,?\s*\b(?:and\s+also|also|plus|another\s+thing|oh\s+and|and\s+then|and)\b\s*(?=(?:can|could|would|will|where|where's|when|what|what's|why|how|is|has|have|please|pls|i\s+(?:want|need|would|'d|also)|i'd|refund|track|check|send|tell|show|cancel|change|do\s+you|does|order|#?\d{4})\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"\b(?:how\s+(?:long|much|many|do|does|can|soon|quickly)|what(?:'s|\s+is|\s+are)\s+(?:the|your)\s+\w*\s*(?:policy|policies|times?|costs?|fees?|options?|methods?|hours)|do\s+you\s+(?:ship|deliver|offer|accept|sell|have|do)|is\s+there\s+(?:a|any)\s+(?:warranty|fee|discount)|can\s+i\s+(?:pay|use|return|change)|policy|warranty|gift\s*cards?|promo|coupon|password)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GeneralQuestion();

    /// <summary>
    /// About the customer's own case ("my refund", "my parcel"), which is no general question (docs/LANES.md); so is a
    /// question that points back at what was just said ("How much would I get back for it?").
    /// </summary>
    [GeneratedRegex(@"\b(?:my|mine|i\s+ordered|i\s+bought|my\s+order)\b|\b(?:for|on|with|about|return|returning|send|sending|keep)\s+(?:it|them|this\s+one|that\s+one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Own();

    [GeneratedRegex(@"\b(?:refund|money\s+back|where|track|deliver|arriv|parcel|package|order|replace|resend|status|broken|damaged|lost)", RegexOptions.IgnoreCase)]
    private static partial Regex Actionable();

    [GeneratedRegex(@"\b(?:refund\w*|money\s+back|reimburs\w*|compensat\w*|charged|overcharged|my\s+money)\b")]
    private static partial Regex RefundWords();

    [GeneratedRegex(@"\b(?:where|track\w*|arriv\w*|deliver\w*|parcel|package|shipping|shipped|ship|late|lost|stuck|missing|replacement|reship|resend|courier|carrier|update|updates|news|eta|landed)\b")]
    private static partial Regex ShippingWords();

    [GeneratedRegex(@"\b(?:what(?:'s|\s+is|\s+was)\s+in|status|total|list|receipt|placed|items?|contents?)\b")]
    private static partial Regex LookupWords();
}
