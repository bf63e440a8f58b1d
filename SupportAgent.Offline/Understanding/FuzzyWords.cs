using System.Text;
using System.Text.RegularExpressions;
using SupportAgent.Embeddings;

namespace SupportAgent.Offline.Understanding;

/// <summary>
/// Rewrites misspelt key words to their canonical spelling ("supervisr", "agnet", "manger" -> "supervisor", "agent",
/// "manager") so the rule patterns stay readable and still catch typos. A word is rewritten only when it keeps the
/// first letter, is at least 4 letters long, and is within one edit (two for words of eight letters or more):
/// tight enough that "walk", "urgent" or "manage" are left alone.
/// </summary>
internal static partial class FuzzyWords
{
    public static string Canonicalize(string lowerText, IReadOnlyList<string> vocabulary)
    {
        var builder = new StringBuilder(lowerText.Length);
        var last = 0;
        foreach (Match word in Word().Matches(lowerText))
        {
            builder.Append(lowerText, last, word.Index - last);
            builder.Append(Closest(word.Value, vocabulary) ?? word.Value);
            last = word.Index + word.Length;
        }
        builder.Append(lowerText, last, lowerText.Length - last);
        return builder.ToString();
    }

    // Real words one edit away from a vocabulary word: "manage my account" must not read as "manager".
    private static readonly HashSet<string> realWords = ["manage", "manages", "managed", "employer", "employers", "persona"];

    private static string? Closest(string word, IReadOnlyList<string> vocabulary)
    {
        if (word.Length < 4 || realWords.Contains(word)) return null;
        foreach (var target in vocabulary)
        {
            if (word == target) return null;
            if (word[0] != target[0] || Math.Abs(word.Length - target.Length) > 2) continue;
            var allowed = target.Length >= 8 ? 2 : 1;
            if (EditDistance.Between(word, target, allowed) <= allowed) return target;
        }
        return null;
    }

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex Word();
}
