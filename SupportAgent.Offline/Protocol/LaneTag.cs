using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Protocol;

/// <summary>
/// Every specialist's system prompt carries its lane in a tagged section, <c>&lt;lane&gt;REFUND&lt;/lane&gt;</c>.
/// A real model reads it as context; the offline engine uses it to pick the lane's policy.
/// </summary>
public static partial class LaneTag
{
    public static string Format(string lane) => $"<lane>{lane}</lane>";

    public static string? Read(IEnumerable<ChatMessage> messages) =>
        messages.Where(m => m.Role == ChatRole.System)
            .Select(m => LanePattern().Match(m.Text))
            .FirstOrDefault(m => m.Success)?.Groups[1].Value;

    [GeneratedRegex(@"<lane>\s*([A-Z_]+)\s*</lane>")]
    private static partial Regex LanePattern();
}
