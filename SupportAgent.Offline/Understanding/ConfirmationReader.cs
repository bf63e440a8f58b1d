using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

public enum ConfirmationAnswer
{
    /// <summary>The message does not answer the question (a new question, a new topic, a hesitation).</summary>
    NotAnAnswer,
    Yes,
    No,
    /// <summary>An answer naming another order or amount: the proposal is superseded, the lane proposes again.</summary>
    Counter,
}

/// <summary>
/// Reads the customer's answer to "Shall I refund $X for order N?" (docs/CONTRACTS.md, "Proposals"). Money moves on a
/// Yes, so the reader is strict where it matters: the last clear signal wins ("yes I know, but no" is No), a negation
/// of the action is No ("no, don't refund it"), while idioms that only look negative are not ("yes, go on, I won't
/// need it anyway", "no problem, go ahead"). A question is an answer only when it opens with a clear yes or no.
/// Typos in the key words are tolerated ("yse", "proceeed", "ahaed").
/// </summary>
public static partial class ConfirmationReader
{
    private enum Signal { Neutral, Yes, WeakYes, No, Wait }

    private const int ShortMessageWords = 8;
    private const int OpeningWords = 3;

    // Checked in this order; each match masks its text, so an earlier (more specific) pattern decides what a phrase
    // means: "don't want the refund" is No before "don't want" is a neutral idiom, and "no problem" is neutral before
    // "no" is No.
    private static readonly (Regex Pattern, Signal Signal)[] Patterns =
    [
        (new(@"\b(?:don't|do not|dont|i no longer|no longer)\s+(?:really\s+)?want\s+(?:the|a|that|this|my|any)?\s*(?:refund|replacement|money back|reship)\b"), Signal.No),
        // Keeping the item is a no, and "hang on" here is no request to wait ("No, I'll hang on to it for now").
        (new(@"\b(?:hang|hold|hanging|holding)\s+on\s*to\s+(?:it|them|that|this|the\s+\w+)\b|\bhold(?:ing)?\s+onto\b|\bhang(?:ing)?\s+onto\b|\bi'll\s+(?:just\s+)?(?:keep|hold)\b"), Signal.No),
        (new(@"\b(?:absolutely|definitely|certainly|of course|probably|hell|god)\s+not\b|\bi don't think so\b|\bi'd rather not\b|\brather not\b|\bnever ?mind\b|\bnot (?:really|right|correct|now|yet|today|for now|at the moment)\b|\bno way\b"), Signal.No),
        (new(@"\b(?:not sure|unsure|let me think|i'll think|i need to think|think about it|give me a (?:sec|second|minute|moment)|one (?:sec|second|moment)|hang on|hold on)\b"), Signal.Wait),
        (new(@"\b(?:no problem|no problemo|no worries|not a problem|no rush|no hurry|why not|no doubt|not bad|can't wait|no need to (?:ask|check)|no questions|no matter)\b"), Signal.Neutral),
        (new(@"\b(?:don't|do not|won't|will not|no longer|doesn't|does not|didn't|did not|never|can't|cannot)\s+(?:really\s+|even\s+|ever\s+)?(?:need|want|use|used|like|liked|care|mind|worry|fit|fits|work|works|worked|arrive|arrived|came|come|have|expect|wear)\b"), Signal.Neutral),
        (new(@"\b(?:don't|do not|dont|pls don't|please don't)(?:\s+(?:do|refund|send|go|proceed|bother|process|issue|ship|make)\b(?:\s+(?:it|that|this|ahead|on|anything|one|a refund|the refund))?)?|\b(?:cancel|stop|never ?mind|nevermind|forget (?:it|about it)|hold off|keep it|i'll keep|leave it|skip it|decline|changed? my mind|negative)\b"), Signal.No),
        (new(@"^\W*(?:no+|nope|nah+|naw|nay|nop)\b|\b(?:no+|nope|nah+|naw|nay|nop)\W*$|\b(?:no+|nope|nah+)\s*[,.!;]|\b(?:no thanks|no thank you)\b|\bbut no\b"), Signal.No),
        (new(@"\bwait\b"), Signal.Wait),
        (new(@"\b(?:yes+|yess|yeah+|yea|yeh|yah|yas|yse|ys|yep+|yup+|yessir|affirmative|confirm|confirmed|i confirm|go ahead|go on|go for it|please do|do it|do that|proceed|let's do it|lets do it|let's go|by all means|absolutely|definitely|certainly|of course|ofc|sounds (?:good|great|fine)|that works|works for me|agreed|deal|refund it|send it|send one|send (?:the|a) replacement|that'd be great|that would be great|correct|that's right|thats right|exactly)\b"), Signal.Yes),
        (new(@"\b(?:ok+|okay|okey|okie|k|kk|sure|shure|alright|all right|fine|right|perfect|great|good|please|pls|plz|cool)\b"), Signal.WeakYes),
    ];

    // Only words no common word sits one edit away from: "yeah" would turn "a year ago" into a yes, "nope" "note" into a no.
    private static readonly string[] Vocabulary =
    [
        "please", "proceed", "confirm", "confirmed", "absolutely", "definitely", "certainly", "correct", "cancel",
        "ahead", "refund", "replacement", "sounds", "perfect", "alright", "okay",
    ];

    /// <param name="orderId">The proposal's order: another order named makes the answer a counter-proposal.</param>
    /// <param name="amount">The proposal's amount: another amount named makes the answer a counter-proposal.</param>
    public static ConfirmationAnswer Read(string text, string? orderId = null, decimal? amount = null)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0) return ConfirmationAnswer.NotAnAnswer;
        var words = WordPattern().Matches(normalized).Count;
        var isQuestion = normalized.Contains('?');

        if (NamesOther(normalized, orderId, amount)) return ConfirmationAnswer.Counter;

        var masked = normalized.ToCharArray();
        var signals = new List<(int Index, Signal Signal)>();
        foreach (var (pattern, signal) in Patterns)
        {
            foreach (Match match in pattern.Matches(new string(masked)))
            {
                if (match.Length == 0) continue;
                if (signal != Signal.Neutral) signals.Add((match.Index, signal));
                for (var i = match.Index; i < match.Index + match.Length; i++) masked[i] = ' ';
            }
        }

        // Weak words ("ok", "sure", "please") count only in a short answer: "ok so how long does it take" is no yes.
        var shortAnswer = words <= ShortMessageWords && !isQuestion;
        var counted = signals.Where(s => s.Signal != Signal.WeakYes || shortAnswer).OrderBy(s => s.Index).ToList();
        if (counted.Count == 0) return ConfirmationAnswer.NotAnAnswer;

        // A question answers only when it opens with the answer ("yes, but how long will it take?").
        if (isQuestion && WordIndex(normalized, counted[0].Index) >= OpeningWords) return ConfirmationAnswer.NotAnAnswer;
        // A long message answers only when it opens with the answer; otherwise it is about something else.
        if (words > 3 * ShortMessageWords && WordIndex(normalized, counted[0].Index) >= OpeningWords) return ConfirmationAnswer.NotAnAnswer;

        // "not right now, no. I'll think about it": a no that asks for time is still a no to doing it now.
        if (counted[^1].Signal == Signal.Wait && counted.Any(c => c.Signal == Signal.No) && counted.All(c => c.Signal != Signal.Yes))
            return ConfirmationAnswer.No;
        return counted[^1].Signal switch
        {
            Signal.No => ConfirmationAnswer.No,
            Signal.Wait => ConfirmationAnswer.NotAnAnswer,
            _ => ConfirmationAnswer.Yes,
        };
    }

    private static string Normalize(string text)
    {
        var lower = text.Trim().ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'');
        lower = Contraction().Replace(lower, m => m.Groups[1].Value + "'t");
        return FuzzyWords.Canonicalize(lower, Vocabulary);
    }

    private static bool NamesOther(string text, string? orderId, decimal? amount)
    {
        if (orderId is not null)
        {
            foreach (Match m in OrderPattern().Matches(text))
                if ((m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) != orderId) return true;
        }
        if (amount is { } proposed)
        {
            foreach (Match m in AmountPattern().Matches(text))
            {
                var value = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                if (decimal.TryParse(value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var named)
                    && named != proposed && (orderId is null || value != orderId))
                    return true;
            }
        }
        return false;
    }

    private static int WordIndex(string text, int charIndex) => WordPattern().Matches(text[..charIndex]).Count;

    // "dont", "wont", "cant", "didnt", "doesnt", "im", "id": apostrophes are often left out.
    [GeneratedRegex(@"\b(don|won|can|didn|doesn|isn|wouldn|shouldn)t\b")]
    private static partial Regex Contraction();

    [GeneratedRegex(@"(?:\border\s*(?:no\.?|number|#)?\s*|#\s?)(\d{3,10})\b|(?<![\d$.,])\b(\d{4,10})\b(?![.,]\d)(?!\s*(?:dollars|usd|bucks)\b)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"\$\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)|\b(\d+(?:\.\d{1,2})?)\s*(?:dollars?|usd|bucks)\b")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();
}
