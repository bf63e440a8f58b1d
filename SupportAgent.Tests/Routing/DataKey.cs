using System.Text.RegularExpressions;

namespace SupportAgent.Tests.Routing;

/// <summary>A sentence's identity for duplicate checks: case, punctuation and spacing do not make a new sentence.</summary>
internal static partial class DataKey
{
    public static string Of(string text) => NotWord().Replace(text.ToLowerInvariant(), " ").Trim();

    [GeneratedRegex(@"[\W_]+")]
    private static partial Regex NotWord();
}
