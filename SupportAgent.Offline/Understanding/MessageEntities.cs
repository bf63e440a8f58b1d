using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <summary>
/// <see cref="StreetNumber"/>: "1420 Riverside Dr". <see cref="NotThisOrder"/>: an order the customer says they do not
/// mean ("not order 1001, I mean 1007"), which must not be acted on.
/// </summary>
public enum EntityKind { OrderNumber, Year, Date, Money, Quantity, Phone, ZipCode, StreetNumber, NotThisOrder }

/// <param name="Value">The order number, the amount or the quantity as text ("1042", "45.00", "2"), else the match.</param>
/// <param name="Order">For money: the order the amount is said about, when the message tells.</param>
public sealed record Entity(EntityKind Kind, int Index, int Length, string Value, string? Order = null);

/// <summary>
/// The numbers in one customer message, told apart: order numbers, years, dates, prices, quantities, phone numbers
/// and zip codes. Each recognizer claims its span before the next runs, most specific first, so "ordered in June
/// 2025" is a date, "call me on 503 555 0199" a phone number and "2 lamps" a quantity, and only what is left over
/// standing alone reads as an order number. An amount belongs to the order named in its own clause ("$20 on 1001
/// and $15 on 1007"), else to the only order of the message.
/// </summary>
public sealed partial class MessageEntities
{
    private MessageEntities(IReadOnlyList<Entity> all) => All = all;

    public IReadOnlyList<Entity> All { get; }

    public IReadOnlyList<string> OrderIds => All.Where(e => e.Kind == EntityKind.OrderNumber).Select(e => e.Value).Distinct().ToList();

    public IEnumerable<Entity> OfKind(EntityKind kind) => All.Where(e => e.Kind == kind);

    public decimal? FirstAmount => Amounts.Select(a => (decimal?)a.Amount).FirstOrDefault();

    public IEnumerable<(decimal Amount, string? Order)> Amounts =>
        OfKind(EntityKind.Money).Select(e => (decimal.Parse(e.Value, CultureInfo.InvariantCulture), e.Order));

    /// <summary>The amount said about <paramref name="orderId"/>, or said with no order when the message names no other.</summary>
    public decimal? AmountFor(string orderId)
    {
        foreach (var (amount, order) in Amounts)
            if (order == orderId || order is null && OrderIds.All(id => id == orderId)) return amount;
        return null;
    }

    public static MessageEntities Read(string? text)
    {
        text ??= "";
        var claimed = new bool[text.Length];
        var found = new List<Entity>();

        void Claim(Regex pattern, EntityKind kind, Func<Match, string?>? value = null)
        {
            foreach (Match m in pattern.Matches(text))
            {
                var group = m.Groups["v"].Success ? m.Groups["v"] : (Group)m;
                if (Enumerable.Range(group.Index, group.Length).Any(i => claimed[i])) continue;
                var v = value is null ? group.Value : value(m);
                if (v is null) continue;
                for (var i = group.Index; i < group.Index + group.Length; i++) claimed[i] = true;
                found.Add(new Entity(kind, group.Index, group.Length, v));
            }
        }

        Claim(IsoDate(), EntityKind.Date);
        Claim(NumericDate(), EntityKind.Date);
        Claim(MonthDate(), EntityKind.Date);
        Claim(StreetAddress(), EntityKind.StreetNumber);
        Claim(NegatedOrder(), EntityKind.NotThisOrder);
        Claim(ExplicitOrder(), EntityKind.OrderNumber, m => m.Groups["id"].Value);
        Claim(OrderList(), EntityKind.OrderNumber);
        Claim(HashOrder(), EntityKind.OrderNumber, m => m.Groups["id"].Value);
        Claim(CuedPhone(), EntityKind.Phone);
        Claim(FormattedPhone(), EntityKind.Phone);
        Claim(Dollars(), EntityKind.Money, m => Number(m.Groups["n"].Value));
        Claim(WordMoney(), EntityKind.Money, m => Number(m.Groups["n"].Value));
        Claim(DecimalMoney(), EntityKind.Money, m => Number(m.Groups["n"].Value));
        Claim(CuedZip(), EntityKind.ZipCode);
        Claim(StateZip(), EntityKind.ZipCode);
        Claim(CuedYear(), EntityKind.Year);
        Claim(Quantity(), EntityKind.Quantity);
        Claim(LongNumber(), EntityKind.Phone);
        Claim(BareOrder(), EntityKind.OrderNumber);

        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new MessageEntities(AssignAmounts(text, found));
    }

    private static string? Number(string raw) =>
        decimal.TryParse(raw.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n.ToString(CultureInfo.InvariantCulture)
            : null;

    /// <summary>Each amount goes to the order of its own clause, else the only order of the message, else the one before it.</summary>
    private static List<Entity> AssignAmounts(string text, List<Entity> entities)
    {
        var orders = entities.Where(e => e.Kind == EntityKind.OrderNumber).ToList();
        if (orders.Count == 0) return entities;
        var bounds = ClauseBreak().Matches(text).Select(m => m.Index).Prepend(0).Append(text.Length).ToList();
        int ClauseOf(int index) => bounds.FindLastIndex(b => b <= index);

        return entities.Select(e =>
        {
            if (e.Kind != EntityKind.Money) return e;
            var clause = ClauseOf(e.Index);
            var same = orders.Where(o => ClauseOf(o.Index) == clause).Select(o => o.Value).Distinct().ToList();
            var owner = same.Count == 1 ? same[0]
                : same.Count > 1 ? null
                : orders.Select(o => o.Value).Distinct().Count() == 1 ? orders[0].Value
                : orders.LastOrDefault(o => o.Index < e.Index)?.Value;
            return e with { Order = owner };
        }).ToList();
    }

    private const string Month =
        @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

    [GeneratedRegex(@"\b\d{4}-\d{1,2}-\d{1,2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d$])\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b")]
    private static partial Regex NumericDate();

    // "June 2025", "June 3rd, 2025", "3 June 2025", "the 3rd of June", "June 3"
    [GeneratedRegex($@"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{Month}(?:,?\s+\d{{4}})?|{Month}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|(?:of\s+)?(?:19|20)\d{{2}}))\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthDate();

    // "1420 Riverside Dr", "221b Baker Street", "at 12 Oak St": a house number, not an order.
    [GeneratedRegex(@"\b(?<v>\d{1,6})[a-z]?\s+(?:[A-Za-z][a-z]+\.?\s+){1,3}(?:st|street|rd|road|dr|drive|ave|avenue|blvd|boulevard|ln|lane|way|ct|court|pl|place|terrace|ter|hwy|highway|pkwy|parkway|cir|circle|sq|square)\b\.?", RegexOptions.IgnoreCase)]
    private static partial Regex StreetAddress();

    // "not order 1001", "not 1001", "1001 is not the one": the customer rules the order out.
    [GeneratedRegex(@"\bnot\s+(?:order\s*(?:no\.?|number|#)?\s*)?#?(?<v>\d{4,6})\b|\b(?<v>\d{4,6})\s+(?:is\s+not|isn't|is\s+n't)\s+(?:the\s+)?(?:one|right)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NegatedOrder();

    // "order 1042", "order no. 1042", "order number: 1042", "order #1042", "order id 1042"
    [GeneratedRegex(@"\border\s*(?:no\.?|number|num|nr\.?|id|#)?\s*[:#]?\s*(?<id>\d{3,10})\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOrder();

    // The second number of "orders 1001 and 1002", "orders 1001, 1003 and 1008"
    [GeneratedRegex(@"(?<=\borders?\s+#?\d{3,10}(?:\s*(?:,|and|&|or)\s*#?\d{3,10})*\s*(?:,|and|&|or)\s*#?)\d{3,10}\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderList();

    [GeneratedRegex(@"#\s?(?<id>\d{3,10})\b")]
    private static partial Regex HashOrder();

    [GeneratedRegex(@"\b(?:phone|cell|mobile|tel|telephone|whatsapp|call\s+me|text\s+me|reach\s+me|contact\s+me)\b[^\d\n]{0,20}(?<v>\+?\d[\d\s().-]{5,}\d)", RegexOptions.IgnoreCase)]
    private static partial Regex CuedPhone();

    // "503-555-0199", "(503) 555 0199", "+1 503 555 0199", "503.555.0199"
    [GeneratedRegex(@"(?<![\w$])(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")]
    private static partial Regex FormattedPhone();

    [GeneratedRegex(@"(?:\$|usd\s?|us\$)\s?(?<n>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)", RegexOptions.IgnoreCase)]
    private static partial Regex Dollars();

    [GeneratedRegex(@"\b(?<n>\d+(?:\.\d{1,2})?)\s*(?:dollars?|usd|bucks)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WordMoney();

    [GeneratedRegex(@"(?<![\d.#])\b(?<n>\d+\.\d{2})\b")]
    private static partial Regex DecimalMoney();

    [GeneratedRegex(@"\b(?:zip|zipcode|zip\s+code|postal\s+code|postcode|post\s+code)\b\W{0,4}(?:is\s+)?(?<v>\d{5}(?:-\d{4})?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CuedZip();

    // "Portland, OR 97201": a state code in capitals before five digits.
    [GeneratedRegex(@"\b[A-Z]{2}\s+(?<v>\d{5}(?:-\d{4})?)\b")]
    private static partial Regex StateZip();

    // A year after words that introduce a time: "in 2025", "since 2024", "back in 2023", "the 2024 sale".
    [GeneratedRegex(@"\b(?:in|since|from|during|until|till|by|of|year|back|early|late|mid|before|after|summer|winter|spring|fall|autumn|christmas|holidays?|last|this)\s+(?:of\s+)?(?<v>(?:19|20)\d{2})\b(?!\s*(?:dollars?|usd|bucks))|\b(?<v>(?:19|20)\d{2})(?=\s+(?:sale|holiday|season|model|edition|collection|catalog(?:ue)?|black\s+friday))", RegexOptions.IgnoreCase)]
    private static partial Regex CuedYear();

    // "2 lamps", "3x", "x3", "qty 4", "a pack of 6": small numbers with what they count.
    [GeneratedRegex(@"\b(?:qty|quantity)\W{0,3}(?<v>\d{1,4})\b|\b(?<v>\d{1,3})\s*x\b|\bx\s?(?<v>\d{1,3})\b|\b(?<v>\d{1,3})\s+(?!(?:days?|weeks?|months?|years?|hours?|minutes?|mins?|business|working|times?|dollars?|bucks|usd|cents?|am|pm|percent)\b)(?:[a-z-]+\s+)?(?:[a-z]+s|pcs|pieces?|items?|units?|pairs?|packs?|boxes|sets?|of\s+(?:them|these|those))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Quantity();

    // Nine digits or more standing alone are a phone or tracking number, never one of our order numbers.
    [GeneratedRegex(@"(?<![\d$.,/-])\b\d{9,}\b")]
    private static partial Regex LongNumber();

    // Four to eight digits standing alone, not money ("$1042", "1042.50", "1,042", "1042 dollars") nor part of a date.
    [GeneratedRegex(@"(?<![\d$.,/-])\b\d{4,8}\b(?![.,/-]\d)(?!\s*(?:dollars|usd|bucks)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex BareOrder();

    [GeneratedRegex(@"[;!?\n]|[.,](?!\d)|\b(?:and|but|also|plus|while|whereas|then)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreak();
}
