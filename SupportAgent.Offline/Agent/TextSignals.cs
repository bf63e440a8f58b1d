using System.Text.RegularExpressions;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// What the offline engine can read from one customer message. Deliberately conservative patterns: a missed signal
/// costs a clarifying question, a false one could move money or hand a happy customer to a person.
/// </summary>
internal static partial class TextSignals
{
    /// <summary>The first order number of the message; years, dates, prices, phone numbers and zip codes are not.</summary>
    public static string? OrderId(string text) => MessageEntities.Read(text).OrderIds.FirstOrDefault();

    public static decimal? Amount(string text) => MessageEntities.Read(text).FirstAmount;

    public static bool IsNegative(string text) => NegativePattern().IsMatch(text);

    /// <summary>
    /// A clear yes: a short message that starts with a yes word, or an explicit "go ahead". Money moves on this, so
    /// "please tell me more about refunds" is not a yes.
    /// </summary>
    public static bool IsAffirmative(string text)
    {
        if (IsNegative(text)) return false;
        if (ExplicitYesPattern().IsMatch(text)) return true;
        var words = WordPattern().Matches(text).Count;
        return words <= 8 && YesStartPattern().IsMatch(text) || words <= 3 && PleasePattern().IsMatch(text);
    }

    public static bool AsksForPerson(string text) => PersonPattern().IsMatch(text);

    public static bool AsksIfHuman(string text) => AreYouHumanPattern().IsMatch(text);

    /// <summary>Angry words, or shouting that is not an enthusiastic thanks ("THANK YOU!!!").</summary>
    public static bool IsUpset(string text) =>
        UpsetPattern().IsMatch(text) || (text.Contains("!!!") || IsShouting(text)) && !IsThanks(text);

    public static bool WantsOrderList(string text) => OrderListPattern().IsMatch(text);

    public static bool WantsReplacement(string text) => ReplacementPattern().IsMatch(text);

    /// <summary>Where the parcel is or when it comes: a tracking question, whichever lane it was routed to.</summary>
    public static bool AsksWhereabouts(string text) => WhereaboutsPattern().IsMatch(text);

    /// <summary>A greeting or thanks with nothing else to answer: no search needed.</summary>
    public static bool IsSmallTalk(string text)
    {
        var words = WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
        return words.Count is > 0 and <= 5 && !text.Contains('?') && OrderId(text) is null && SmallTalkPattern().IsMatch(text);
    }

    public static bool IsThanks(string text) => ThanksPattern().IsMatch(text);

    /// <summary>The customer's reason in a few words, for the refund or reship record.</summary>
    public static string? Reason(string text)
    {
        var lower = text.ToLowerInvariant();
        return ReasonKeywords.FirstOrDefault(r => r.Pattern.IsMatch(lower)).Reason;
    }

    private static readonly (Regex Pattern, string Reason)[] ReasonKeywords =
    [
        (new(@"\b(broken|damaged|cracked|smashed|dented|torn|crushed)\b"), "arrived damaged"),
        (new(@"\bwrong (item|size|colou?r|product|thing)\b"), "wrong item received"),
        (new(@"\b(defective|faulty|doesn'?t work|does not work|not working|stopped working|broke after)\b"), "item defective"),
        (new(@"\b(never (arrived|came|got it)|didn'?t (arrive|get it|receive)|not (arrived|received)|missing|lost)\b"), "not received"),
        (new(@"\bnot as described\b"), "not as described"),
        (new(@"\b(changed my mind|don'?t (want|need) it|no longer (want|need))\b"), "changed mind"),
        (new(@"\b(late|too long|took forever|delayed)\b"), "arrived late"),
    ];

    private static bool IsShouting(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count >= 12 && letters.Count(char.IsUpper) > letters.Count * 0.8;
    }







    [GeneratedRegex(@"^\W*(?:(?:actually|well|hmm+|oh|um+|erm|ah)[\s,]+)?(no|nope|nah|don'?t|do not|cancel|never ?mind|not now|not yet|stop|hold on|wait)\b|\b(don'?t|do not|no thanks|no,? thank you)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NegativePattern();

    [GeneratedRegex(@"^\W*(yes|yeah|yea|yep|yup|sure|ok|okay|confirm(ed)?|correct|right|absolutely|definitely|go ahead|do it|sounds good|that'?s (right|fine|correct|great))\b", RegexOptions.IgnoreCase)]
    private static partial Regex YesStartPattern();

    [GeneratedRegex(@"\b(yes|go ahead|please do|do it|proceed|try again|i confirm)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitYesPattern();

    [GeneratedRegex(@"^\W*please\b", RegexOptions.IgnoreCase)]
    private static partial Regex PleasePattern();

    [GeneratedRegex(@"\b(speak|talk|chat)\s+(to|with)\s+(a|an|the|some|your|real|actual)?\s*(real\s+|actual\s+|live\s+)?(human|person|agent|representative|rep|someone|somebody|manager|supervisor|colleague|people)\b|\b(transfer|connect|escalate|put)\s+me\b|\b(real|live|actual)\s+(person|human|agent)\b|\b(want|need|get)\s+(me\s+)?(a|an)\s+(human|person|representative|manager|supervisor)\b|^\W*(human|agent|representative|operator)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"\b(are|r)\s+(you|u)\s+(a\s+|an\s+)?(real|human|person|bot|robot|machine|ai|computer|chatbot)\b|\b(talking|speaking|chatting)\s+(to|with)\s+a\s+(bot|robot|machine|human|real person)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AreYouHumanPattern();

    [GeneratedRegex(@"\b(unacceptable|ridiculous|furious|outraged|angry|disgusting|disgusted|terrible service|worst|scam|fraud|lawyer|sue you|useless|fed up|sick of|pathetic|livid)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UpsetPattern();

    [GeneratedRegex(@"\b(all|list|show|see)\b.*\borders\b|\bmy orders\b|\brecent orders\b|\b(don'?t|do not|dont)\s+(know|have|remember)\b.*\b(order|number)\b|\b(don'?t|do not|dont)\s+(know|have|remember)\s+(it|that|one)\b|\bwhich orders?\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderListPattern();

    [GeneratedRegex(@"\b(where('?s| is| are)|when (will|does|do|is|am|should|can)\b.*\b(arriv\w*|come|get (here|there|it)|deliver\w*|receive)|track(ing)?|tracking number|arriv(e|ed|ing)|how soon|on (its|the) way|in transit|shipped|eta|any (news|updates?)|(was|is|has|got|been|get) (it |they |my \w+ |the \w+ )?delivered|did (it|they|(my|the)( \w+){1,2}) (ship|go out)|(has|have) (it|they|(my|the)( \w+){1,2}) (shipped|gone out)|(not|n't|never) (come|came|arrived|landed|turned up|shown up|showed up)( yet)?|landed|show(ed)? up)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhereaboutsPattern();

    [GeneratedRegex(@"\b(replace|replacement|reship|re-ship|resend|send (it|another|a new one|one) again|send another|new one|what can (be done|you do)|what (are )?my options|what now)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReplacementPattern();

    [GeneratedRegex(@"^\W*(?:(?:ok|okay|great|perfect|awesome|lovely|brilliant|cool)[\s,.!]+)?(hi|hello|hey|hiya|good (morning|afternoon|evening)|thanks|thank you|thx|cheers|bye|goodbye)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SmallTalkPattern();

    [GeneratedRegex(@"\b(thanks|thank you|thx|cheers)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThanksPattern();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();
}
