using System.Text;
using System.Text.RegularExpressions;

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
            if (Distance(word, target) <= allowed) return target;
        }
        return null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex Word();
}
