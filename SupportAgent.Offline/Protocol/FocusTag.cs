using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Protocol;

/// <summary>
/// A customer message that asks several things is served one request at a time, each by its lane (ARCHITECTURE.md §2,
/// "Several requests"). The graph tells the specialist which part is its to answer in a tagged system line,
/// <c>&lt;focus&gt;where is order 1002?&lt;/focus&gt;</c>: a real model reads the sentence around it, the offline engine
/// takes the tagged text as the customer's current message.
/// </summary>
public static partial class FocusTag
{
    public static string Format(string request) =>
        "The customer's last message asks several things; each is handled in turn by the right specialist. " +
        $"Answer only this part now, and do not mention the others: <focus>{request.Replace("<", "‹").Replace(">", "›")}</focus>";

    public static string? Read(IEnumerable<ChatMessage> messages) =>
        messages.Where(m => m.Role == ChatRole.System)
            .Select(m => FocusPattern().Match(m.Text))
            .LastOrDefault(m => m.Success)?.Groups[1].Value;

    [GeneratedRegex(@"<focus>(.*?)</focus>", RegexOptions.Singleline)]
    private static partial Regex FocusPattern();
}
