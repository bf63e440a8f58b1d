using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <summary>
/// The questions in one help-center message ("How long do refunds take, and do you ship to Canada?"), each looked up
/// on its own: a search for the whole message ranks one part's article first and the other part goes unanswered.
/// </summary>
public static partial class HelpQuestions
{
    private const int MaxParts = 3;
    private const int MinWords = 3;

    public static IReadOnlyList<string> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var parts = Boundary().Split(text)
            .Select(p => p.Trim(' ', ',', ';', '-'))
            .Where(p => Word().Matches(p).Count >= MinWords && Question().IsMatch(p))
            .ToList();
        return parts.Count is >= 2 and <= MaxParts ? parts : [text.Trim()];
    }

    // A sentence end, or "and"/"also"/"plus" before a new question ("..., and do you ship to Canada?").
    [GeneratedRegex(@"(?<=[?.!])\s+|\s*[,;]?\s*\b(?:and\s+also|also|plus|and)\s+(?=(?:do|does|can|could|how|what|what's|when|where|is|are|will|would|should|which|who|why|may)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"\?|^\W*(?:do|does|can|could|how|what|what's|when|where|is|are|will|would|should|which|who|why|may|i\s+(?:want|need|would\s+like)\s+to\s+know)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Question();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
