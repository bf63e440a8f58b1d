using System.Text;
using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// Folds the surface variety of customer messages before featurization, so that "#1042", "order 1042" and "ord. 1042"
/// look alike, amounts and dates do not each become a rare feature, and "soooo late!!!!" matches "soo late !".
/// The tokens it writes (ordnum, money, date, num, year) are plain words the featurizer treats like any other.
/// </summary>
public static partial class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var s = text.ToLowerInvariant().Normalize(NormalizationForm.FormKC);
        s = s.Replace('’', '\'').Replace('‘', '\'').Replace('–', '-').Replace('—', '-');
        s = Url().Replace(s, " url ");
        s = Email().Replace(s, " email ");
        // Money before numbers, dates before order numbers: "$54.20" and "4/18" must not become order ids.
        s = Money().Replace(s, " money ");
        s = NumericDate().Replace(s, " date ");
        s = MonthDate().Replace(s, " date ");
        s = DayMonth().Replace(s, " date ");
        s = HashOrder().Replace(s, " ordnum ");
        s = Year().Replace(s, " year ");
        s = LongNumber().Replace(s, " ordnum ");
        s = Decimal().Replace(s, " money ");
        s = SmallNumber().Replace(s, " num ");
        s = RepeatedLetters().Replace(s, "$1$1");
        // Apostrophes vanish so "don't" and the typed "dont" are one word.
        s = s.Replace("'", "");
        s = QuestionRun().Replace(s, " ? ");
        s = BangRun().Replace(s, " ! ");
        s = OtherPunctuation().Replace(s, " ");
        return Spaces().Replace(s, " ").Trim();
    }

    [GeneratedRegex(@"https?://\S+|www\.\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?:[$€£]\s?\d[\d,]*(?:\.\d{1,2})?)|(?:\b(?:usd|eur|gbp)\s?\d[\d,]*(?:\.\d{1,2})?)|(?:\b\d[\d,]*(?:\.\d{1,2})?\s?(?:dollars?|bucks|usd|euros?|eur|pounds|gbp)\b)")]
    private static partial Regex Money();

    [GeneratedRegex(@"\b\d{1,4}[/-]\d{1,2}(?:[/-]\d{2,4})?\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b")]
    private static partial Regex MonthDate();

    [GeneratedRegex(@"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"#\s?\d{2,8}\b")]
    private static partial Regex HashOrder();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b\d{3,8}\b")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"\b\d+\.\d{2}\b")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"\b\d{1,2}(?:st|nd|rd|th|x)?\b")]
    private static partial Regex SmallNumber();

    [GeneratedRegex(@"([a-z])\1{2,}")]
    private static partial Regex RepeatedLetters();

    [GeneratedRegex(@"\?[?!]*")]
    private static partial Regex QuestionRun();

    [GeneratedRegex(@"!+")]
    private static partial Regex BangRun();

    [GeneratedRegex(@"[^\w\s?!]")]
    private static partial Regex OtherPunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
