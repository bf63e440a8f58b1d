using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <summary>
/// Replies that only make sense inside the current conversation ("yes", "no thanks", "go ahead", "1042") carry no
/// topic of their own, so they never move a thread out of its lane, however the router scores them. That includes a
/// short answer that opens with yes or no ("no, leave it then", "yes, the full amount"), and a short message giving
/// the order number the assistant just asked for ("It's order 1054").
/// </summary>
public static partial class FollowUps
{
    private const int ShortAnswerWords = 6;
    private const int AnswerWords = 12;

    public static bool IsContinuation(string text, string? previousReply = null)
    {
        var trimmed = text.Trim();
        var words = Word().Matches(trimmed).Count;
        if (Acknowledgement().IsMatch(trimmed) || OnlyAnOrderNumber().IsMatch(trimmed)
            || trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= 2)
            return true;
        // "did it go through?" checks on what was just done: a question, but about this thread's last action.
        if (words <= AnswerWords && CheckBack().IsMatch(trimmed)) return true;
        // A question may well be a new topic, and so may a longer message: the router decides those. Right after
        // the assistant asked something, a reply that opens with yes or no answers it, even at some length.
        var limit = previousReply?.Contains('?') == true ? AnswerWords : ShortAnswerWords;
        if (words > limit || trimmed.Contains('?') || NewQuestion().IsMatch(trimmed)) return false;
        var namesOrder = OrderNumber().IsMatch(trimmed);
        // "Sorry, typo - I meant 1230": the same request about the order the customer meant to name; "same question
        // for 1010" asks it again about another; "did it go through?" checks on what was just done.
        if (namesOrder && (Correction().IsMatch(trimmed) || SameAgain().IsMatch(trimmed))) return true;
        return !namesOrder && AnswerOpening().IsMatch(trimmed)
            || namesOrder && previousReply is not null && AsksForOrder().IsMatch(previousReply);
    }

    [GeneratedRegex(@"^(?:(?:yes|yeah|yep|yup|ya|sure|ok|okay|k|please|pls|go ahead|do it|do that|sounds good|perfect|great|correct|right|that's right|that one|confirm(?:ed)?|no|nope|nah|not now|no thanks|thanks|thank you|cheers|the first one|the second one|the last one)[\s,.!]*)+(?:please|thanks|thank you|do it|go ahead)?[\s.!]*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Acknowledgement();

    [GeneratedRegex(@"^(?:order\s*)?(?:no\.?\s*)?#?\d{3,6}[\s.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyAnOrderNumber();

    /// <summary>"no, leave it then", "yes, refund all of it", "actually no, I'll keep it".</summary>
    [GeneratedRegex(@"^\W*(?:(?:actually|well|hmm+|oh|um+|erm|ah)[\s,]+)?(?:yes|yeah|yep|yup|sure|ok|okay|alright|fine|no|nope|nah|not now|go ahead|do it|perfect|sounds good)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex AnswerOpening();

    [GeneratedRegex(@"#?\b\d{4,6}\b")]
    private static partial Regex OrderNumber();

    /// <summary>A correction of what the customer said before ("typo, I meant 1230", "wrong number, it's 1088").</summary>
    [GeneratedRegex(@"\b(?:i\s+meant|meant\s+to\s+(?:say|type|write)|typo|my\s+bad|my\s+mistake|wrong\s+(?:number|order|one)|should\s+(?:be|have\s+been|read|say)|correction|mistyped|misstyped|i\s+mean)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex Correction();

    [GeneratedRegex(@"^\W*(?:and\s+|ok\s+|okay\s+|thanks[,.!]?\s+)?(?:the\s+)?same\s+(?:question|thing|again|for|with|here|about)\b|\b(?:what\s+about|how\s+about|and)\s+(?:order\s+)?#?\d{4,6}\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex SameAgain();

    [GeneratedRegex(@"\b(?:did|has|have|is)\s+(?:it|that|this|the\s+(?:refund|replacement|money|payment)|my\s+(?:refund|replacement|money))\s+(?:go(?:ne)?\s+through|worked?|happen(?:ed)?|been\s+(?:done|processed|sent|issued)|processed|sent|done)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CheckBack();

    /// <summary>The previous reply asked which order, or for its number.</summary>
    [GeneratedRegex(@"\b(?:order number|order id|which order|which one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksForOrder();

    /// <summary>"yes, and where is my other parcel": an answer that also asks something new.</summary>
    [GeneratedRegex(@"\b(?:where|when|what|why|how|which|who)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NewQuestion();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
