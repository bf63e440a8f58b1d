using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <summary>An order the conversation has shown (a list line, a description, a tool result) with what is known of it.</summary>
public sealed record KnownOrder(
    string OrderId, string? Status = null, decimal? Total = null, DateTimeOffset? PlacedAt = null, IReadOnlyList<string>? Items = null);

/// <param name="OrderId">The one order the message points at, when it is clear.</param>
/// <param name="Candidates">The orders it may mean when more than one fits (a short list to offer), else empty.</param>
/// <param name="Describes">The message picks an order by position, date, status or price ("the second one", "the one
/// from last week"): an older order in focus must not be taken instead.</param>
/// <param name="ItemWords">Things the customer named ("the lamp", "my shoes"), stemmed, for matching item names.</param>
public sealed record OrderReference(
    string? OrderId, IReadOnlyList<KnownOrder> Candidates, bool Describes, IReadOnlyList<string> ItemWords)
{
    public static readonly OrderReference None = new(null, [], false, []);

    /// <summary>Item words to match but some candidate's items are unknown: looking those orders up would tell.</summary>
    public bool NeedsItems(IReadOnlyList<KnownOrder> orders) => ItemWords.Count > 0 && OrderId is null && orders.Any(o => o.Items is null);
}

/// <summary>
/// Resolves how customers point at an order without its number, against the orders the conversation showed (a list,
/// descriptions, this turn's lookups): "the first one", "the second", "the last one", "my latest order", "the lamp",
/// "the one from last week", "the lost one", "the $54.50 one". Returns one order only when exactly one fits; several
/// fitting orders come back as candidates for a short "which of these" list, never as a guess.
/// </summary>
public static partial class OrderReferences
{
    /// <param name="shown">The orders of the latest list, in the order they were shown (positions count from it).</param>
    /// <param name="known">Everything known about orders (list lines, descriptions, tool data), merged by id.</param>
    /// <param name="complaint">Statuses a problem points to ("never came": not delivered yet or lost), tried softly.</param>
    public static OrderReference Resolve(string text, IReadOnlyList<KnownOrder> shown, IReadOnlyList<KnownOrder> known,
        DateTimeOffset now, IReadOnlyCollection<string>? complaint = null)
    {
        var lower = text.ToLowerInvariant().Replace('’', '\'');
        var items = ItemWords(lower);
        var byPosition = Position(lower, shown);
        if (byPosition.Matched) return new(byPosition.Order?.OrderId, [], true, items);

        IReadOnlyList<KnownOrder> pool = known.Count > 0 ? known : shown;
        var describes = false;

        // "the most expensive one", "the cheaper one": by total among the orders in view.
        if (PriceExtreme(lower) is { } highest && pool.Count(o => o.Total is not null) >= 2)
        {
            var byTotal = pool.Where(o => o.Total is not null).OrderBy(o => o.Total).ToList();
            return new((highest ? byTotal[^1] : byTotal[0]).OrderId, [], true, items);
        }

        if (Recency(lower) is { } newest && pool.Any(o => o.PlacedAt is not null))
        {
            var sorted = pool.Where(o => o.PlacedAt is not null).OrderBy(o => o.PlacedAt).ToList();
            return new((newest ? sorted[^1] : sorted[0]).OrderId, [], true, items);
        }

        if (DateWindow(lower, now) is { } window)
        {
            describes = true;
            pool = pool.Where(o => o.PlacedAt is { } at && at >= window.From && at < window.To).ToList();
        }
        if (StatusNamed(lower) is { } statuses)
        {
            describes = true;
            pool = pool.Where(o => o.Status is { } s && statuses.Contains(s)).ToList();
        }
        if (MessageEntities.Read(text).Amounts.Select(a => a.Amount).ToList() is { Count: > 0 } amounts
            && pool.Any(o => o.Total is { } t && amounts.Contains(t)))
        {
            describes = true;
            pool = pool.Where(o => o.Total is { } t && amounts.Contains(t)).ToList();
        }
        if (items.Count > 0 && pool.Any(o => o.Items is not null))
        {
            // The orders whose items match the most of the words named: "the standing desk" is the Smart Standing Desk,
            // not the LED Desk Lamp.
            var scored = pool.Select(o => (Order: o, Score: o.Items is { } names ? names.Max(n => MatchCount(n, items)) : 0)).ToList();
            var top = scored.Count > 0 ? scored.Max(x => x.Score) : 0;
            var withItem = top > 0 ? scored.Where(x => x.Score == top).Select(x => x.Order).ToList() : [];
            // The item found in orders looked up decides; until then, orders whose items are unknown stay possible.
            pool = withItem.Count > 0 ? withItem : pool.Where(o => o.Items is null).ToList();
            if (withItem.Count > 0) describes = true;
        }
        if (complaint is { Count: > 0 } && pool.Count > 1)
        {
            var fitting = pool.Where(o => o.Status is { } s && complaint.Contains(s)).ToList();
            if (fitting.Count > 0) pool = fitting;
        }

        var narrowed = describes || items.Count > 0 || complaint is { Count: > 0 };
        if (!narrowed) return new(null, [], false, items);
        var certain = pool.Count == 1 && (items.Count == 0 || pool[0].Items is not null);
        return certain
            ? new(pool[0].OrderId, [], describes, items)
            : new(null, pool.Count <= 5 ? pool : [], describes, items);
    }

    /// <summary>True for "the most expensive one", false for "the cheaper one", null when price picks nothing.</summary>
    private static bool? PriceExtreme(string lower)
    {
        var m = PriceExtremePattern().Match(lower);
        return m.Success ? m.Groups["high"].Success : null;
    }

    [GeneratedRegex(@"\b(?:(?<high>most\s+expensive|more\s+expensive|priciest|pricier|dearest|biggest|bigger)|cheaper|cheapest|least\s+expensive|less\s+expensive|smaller|smallest)\s+(?:one|order|purchase|of\s+(?:the\s+)?(?:two|them|those|my\s+orders))\b|\bthe\s+(?:(?<high>most\s+expensive|priciest|pricier|more\s+expensive)|cheaper|cheapest|least\s+expensive)\b")]
    private static partial Regex PriceExtremePattern();

    /// <summary>"that order", "this one", "the same parcel": the order the conversation was just about.</summary>
    public static bool PointsBack(string text) => PointsBackPattern().IsMatch(text);

    /// <summary>Statuses a complaint points to: not arrived (still moving, or lost), or arrived broken.</summary>
    public static IReadOnlyCollection<string> ComplaintStatuses(string text)
    {
        var lower = text.ToLowerInvariant();
        if (NotArrived().IsMatch(lower)) return ["in_transit", "shipped", "lost", "pending"];
        if (Broken().IsMatch(lower)) return ["damaged", "delivered"];
        return [];
    }

    public static bool IsComplaint(string text) => ComplaintStatuses(text).Count > 0;

    /// <summary>The things a customer names after "my" or "the" ("my shoes", "the desk lamp"), stemmed.</summary>
    public static IReadOnlyList<string> ItemWords(string lower)
    {
        var words = new List<string>();
        foreach (Match m in Possessed().Matches(lower))
        {
            foreach (Capture c in m.Groups["w"].Captures)
            {
                var stem = Stem(c.Value);
                if (stem.Length >= 3 && !NotItems.Contains(stem) && !NotItems.Contains(c.Value)) words.Add(stem);
            }
        }
        return words.Distinct().ToList();
    }

    public static bool NameMatches(string itemName, IReadOnlyList<string> words) => MatchCount(itemName, words) > 0;

    /// <summary>How many of the named words the item's name holds.</summary>
    public static int MatchCount(string itemName, IReadOnlyList<string> words)
    {
        var nameWords = Word().Matches(itemName.ToLowerInvariant()).Select(w => Stem(w.Value)).Where(w => !NameNoise.Contains(w)).ToHashSet();
        return words.Count(nameWords.Contains);
    }

    public static string Stem(string word)
    {
        var w = word.ToLowerInvariant().TrimEnd('\'');
        if (w.EndsWith("'s", StringComparison.Ordinal)) w = w[..^2];
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.Length > 4 && (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal)
            || w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal))) return w[..^2];
        if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)) return w[..^1];
        return w;
    }

    private static (bool Matched, KnownOrder? Order) Position(string lower, IReadOnlyList<KnownOrder> shown)
    {
        if (shown.Count == 0) return (false, null);
        var m = Ordinal().Match(lower);
        if (!m.Success) return (false, null);
        var word = m.Groups["o"].Value;
        var index = word switch
        {
            "first" or "1st" or "top" => 0,
            "second" or "2nd" => 1,
            "third" or "3rd" => 2,
            "fourth" or "4th" => 3,
            "fifth" or "5th" => 4,
            "sixth" or "6th" => 5,
            "last" or "bottom" or "final" => shown.Count - 1,
            _ when int.TryParse(word, out var n) => n - 1,
            _ => -1,
        };
        return (true, index >= 0 && index < shown.Count ? shown[index] : null);
    }

    /// <summary>true for the newest order ("my latest order"), false for the oldest, null when neither is asked.</summary>
    private static bool? Recency(string lower) =>
        Newest().IsMatch(lower) ? true : Oldest().IsMatch(lower) ? false : null;

    private static (DateTimeOffset From, DateTimeOffset To)? DateWindow(string lower, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (Yesterday().IsMatch(lower)) return (today.AddDays(-2), today.AddDays(1));
        if (Today().IsMatch(lower)) return (today, today.AddDays(1));
        if (LastWeek().IsMatch(lower)) return (today.AddDays(-14), today.AddDays(-3));
        if (ThisWeek().IsMatch(lower)) return (today.AddDays(-7), today.AddDays(1));
        if (LastMonth().IsMatch(lower)) return (today.AddDays(-62), today.AddDays(-20));
        if (Ago().Match(lower) is { Success: true } ago)
        {
            var n = ago.Groups["n"].Value switch { "a" or "an" or "one" => 1, "two" or "couple" => 2, "three" or "few" => 3, "four" => 4, var d => int.TryParse(d, out var x) ? x : 1 };
            var days = ago.Groups["u"].Value.StartsWith("week", StringComparison.Ordinal) ? n * 7 : ago.Groups["u"].Value.StartsWith("month", StringComparison.Ordinal) ? n * 30 : n;
            var slack = Math.Max(2, days / 3);
            return (today.AddDays(-days - slack), today.AddDays(-days + slack + 1));
        }
        if (MonthNamed().Match(lower) is { Success: true } month)
        {
            var number = DateTime.ParseExact(month.Groups["m"].Value[..3], "MMM", CultureInfo.InvariantCulture).Month;
            var year = month.Groups["y"].Success ? int.Parse(month.Groups["y"].Value, CultureInfo.InvariantCulture)
                : number <= now.Month ? now.Year : now.Year - 1;
            var from = new DateTimeOffset(year, number, 1, 0, 0, 0, TimeSpan.Zero);
            return (from, from.AddMonths(1));
        }
        return null;
    }

    private static IReadOnlyCollection<string>? StatusNamed(string lower)
    {
        var m = StatusReference().Match(lower);
        if (!m.Success) return null;
        var word = m.Groups["s"].Success ? m.Groups["s"].Value : m.Groups["t"].Value;
        return word switch
        {
            "lost" => ["lost"],
            "damaged" or "broken" => ["damaged"],
            "delivered" => ["delivered"],
            "cancelled" or "canceled" => ["cancelled"],
            "pending" or "unshipped" => ["pending"],
            "refunded" => ["refunded", "partially_refunded"],
            _ => ["in_transit", "shipped"],
        };
    }

    private static readonly HashSet<string> NotItems =
    [
        "order", "parcel", "package", "pakage", "delivery", "shipment", "refund", "money", "account", "item", "thing",
        "stuff", "purchase", "one", "other", "last", "first", "second", "third", "latest", "recent", "previous", "same", "expensive", "cheaper", "cheapest", "pricier", "priciest", "bigger", "smaller", "most", "least",
        "whole", "entire", "full", "new", "old", "tracking", "number", "card", "payment", "address", "email", "password",
        "help", "question", "problem", "issue", "way", "time", "day", "week", "month", "year", "store", "shop", "website",
        "site", "app", "return", "replacement", "box", "courier", "carrier", "driver", "mail", "post", "invoice",
        "receipt", "bank", "credit", "charge", "price", "cost", "total", "amount", "status", "policy", "own", "very",
        "most", "only", "rest", "remaining", "reason", "case", "ticket", "chat", "bot", "team", "support", "service",
        "end", "door", "house", "home", "neighbor", "neighbour", "porch", "doorstep", "mailbox", "wife", "husband",
        "kid", "son", "daughter", "mom", "dad", "mother", "father", "friend", "gift", "present", "birthday", "christmas",
        "morning", "afternoon", "evening", "weekend", "moment", "minute", "hour", "bad", "good", "great", "big", "small",
        "and", "but", "still", "just", "really", "never", "not", "have", "has", "was", "were", "been", "got", "get",
        "came", "come", "arrived", "arrive", "is", "are", "the", "my", "a", "an", "it", "this", "that", "what", "which",
        "for", "from", "with", "about", "into", "onto", "off", "out", "yet", "too", "also", "all", "any", "some", "back",
        "again", "now", "then", "there", "here", "when", "where", "why", "how", "who", "you", "your", "its", "i'm",
        "didn't", "doesn't", "isn't", "wasn't", "hasn't", "haven't", "won't", "can't", "don't", "did", "does", "had",
        "will", "would", "could", "should", "can", "may", "might", "must", "shall", "want", "need", "like", "please",
        "thanks", "thank", "hello", "hi", "hey", "sorry", "okay", "ok", "yes", "no", "sure", "since", "ago", "until",
        "before", "after", "over", "under", "ever", "even", "yet", "because", "though", "so", "such", "more", "less",
        "many", "much", "lot", "lots", "few", "couple", "several", "both", "each", "every", "either", "neither",
        "wrong", "right", "correct", "late", "early", "broken", "damaged", "missing", "lost", "delivered", "shipped",
        "cancelled", "canceled", "pending", "refunded", "transit", "way", "other", "another", "hasnt", "didnt", "dont",
        "been", "being", "be", "do", "to", "of", "in", "on", "at", "by", "as", "or", "if", "me", "we", "us", "our",
        "lately", "recently", "online", "earlier", "already", "twice", "once", "they", "them", "their", "he", "she", "him", "her", "his", "hers", "one", "ones", "day", "today", "yesterday",
    ];

    private static readonly HashSet<string> NameNoise = ["set", "kit", "pack", "pair", "of", "and", "pc", "pro", "in", "the", "care", "starter"];

    /// <summary>Up to two words after "my", "the", "our", "those", skipping a leading adjective-like order word.</summary>
    [GeneratedRegex(@"\b(?:my|the|our|those|these|this|that|a|an|ordered|bought|purchased)\s+(?:(?<w>[a-z][a-z'-]+)\b\s*){1,2}")]
    private static partial Regex Possessed();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex Word();

    // "the second one", "first one on the list", "the 3rd order", "the last one", "number 2", a bare "second".
    // "the last order" and "my last order" are the newest order (Newest), not the bottom of a list.
    [GeneratedRegex(@"\b(?<o>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|last|bottom|top|final)\s+(?:one|on\s+(?:the|that|your)\s+list)\b|\bthe\s+(?<o>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|top)\s+(?:order|parcel|package|item|purchase)\b|\bthe\s+(?<o>first|second|third|fourth|fifth|sixth|last|bottom|top)\b(?!\s+(?:time|week|month|day|year|thing|refund|message|person|two|three|few|couple|of|order|purchase|parcel|package|delivery|one|item))|\b(?:number|no\.?|option|#)\s?(?<o>[1-9])\b(?!\d)|^\W*(?:(?:the|it'?s|its)\s+)?(?<o>first|second|third|fourth|fifth|last)(?:\s+one)?\W*$")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\b(?:my\s+)?(?:latest|newest|most\s+recent|last|recent|previous)\s+(?:order|purchase|parcel|package|delivery|one)\b|\bthe\s+(?:latest|newest|most\s+recent)\b")]
    private static partial Regex Newest();

    [GeneratedRegex(@"\b(?:oldest|earliest)\b")]
    private static partial Regex Oldest();

    [GeneratedRegex(@"\byesterday\b")]
    private static partial Regex Yesterday();

    [GeneratedRegex(@"\b(?:earlier\s+)?today\b|\bthis\s+morning\b")]
    private static partial Regex Today();

    [GeneratedRegex(@"\blast\s+week\b|\bweek\s+before\b|\ba\s+week\s+or\s+(?:so|two)\s+ago\b")]
    private static partial Regex LastWeek();

    [GeneratedRegex(@"\b(?:this|past)\s+week\b|\bfew\s+days\s+ago\b|\bthe\s+other\s+day\b")]
    private static partial Regex ThisWeek();

    [GeneratedRegex(@"\blast\s+month\b")]
    private static partial Regex LastMonth();

    [GeneratedRegex(@"\b(?<n>\d{1,2}|a|an|one|two|three|four|couple|few)\s+(?:of\s+)?(?<u>days?|weeks?|months?)\s+ago\b")]
    private static partial Regex Ago();

    [GeneratedRegex(@"\b(?:in|on|from|during|early|late|mid|back\s+in|placed\s+in|ordered\s+in)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?<y>(?:19|20)\d{2}))?")]
    private static partial Regex MonthNamed();

    [GeneratedRegex(@"\bthe\s+(?<s>lost|damaged|broken|delivered|cancelled|canceled|pending|unshipped|refunded)\s+(?:one|order|parcel|package)\b|\bthe\s+(?:one|order|parcel|package)\s+(?:that\s+(?:was|is|got)\s+|that'?s\s+|which\s+(?:was|is)\s+|still\s+)?(?<s>lost|damaged|broken|delivered|cancelled|canceled|pending|refunded)\b|\bthe\s+(?:one|order|parcel|package)\s+(?:that'?s\s+|which\s+is\s+|still\s+)?(?<t>in\s+transit|on\s+(?:its|the)\s+way|shipping|being\s+shipped)\b")]
    private static partial Regex StatusReference();

    [GeneratedRegex(@"\b(?:that|this|the\s+same)\s+(?:order|one|parcel|package|purchase)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PointsBackPattern();

    [GeneratedRegex(@"\bnever\s+(?:came|arrived|showed|turned\s+up|got\s+here|received|delivered)|\b(?:hasn'?t|has\s+not|haven'?t|have\s+not|didn'?t|did\s+not|not\s+yet|still\s+(?:not|hasn'?t|haven'?t))\s+(?:\w+\s+)?(?:arrived|come|came|received|got(?:ten)?|delivered|shown\s+up|turned\s+up)|\bstill\s+waiting\b|\bwhere\s+(?:is|are)\s+my\s+(?!refund|money|credit)|\b(?:not|never)\s+(?:been\s+)?delivered\b|\bmissing\b|\bgot\s+lost\b|\bstill\s+not\s+here\b|\b(?:isn'?t|is\s+not|aren'?t|are\s+not|not)\s+(?:here|there)\s+yet\b|\bstill\s+(?:isn'?t|aren'?t|is\s+not|not)\s+(?:here|there)\b|\b(?:isn'?t|aren'?t)\s+here\b|\bnothing\s+(?:has\s+)?(?:arrived|came|come|turned\s+up|showed\s+up)|\b(?:hasn'?t|has\s+not|haven'?t|not|never)\s+(?:\w+\s+)?landed|\b(?:is|are)\s+not\s+(?:come|arrive)|\bnot\s+(?:come|arrive)\s+yet|\bwhere'?s\s+(?:it|my\s+\w+)\s+at\b|\bwhere\s+(?:is|are)?\s*(?:it|they)\s+(?:is|are)?\s*(?:now|at)\b|\bdid\s+(?:my|the|it)\b[\w\s]{0,20}\bship\b|\bwrong\s+with\s+my\s+(?:delivery|order|parcel|package|shipment)")]
    private static partial Regex NotArrived();

    [GeneratedRegex(@"\b(?:broken|broke|damaged|cracked|smashed|dented|shattered|crushed|torn|defective|faulty)\b")]
    private static partial Regex Broken();
}
