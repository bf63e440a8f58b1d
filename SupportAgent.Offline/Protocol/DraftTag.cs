using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Protocol;

/// <summary>
/// A request to draft a person's reply in the agents' console carries <c>&lt;draft reason="..." agent="..."/&gt;</c> in
/// its system prompt. A model reads it as context; the offline engine answers it from its templates instead of
/// running a lane's policy.
/// </summary>
public static partial class DraftTag
{
    public static string Format(string reason, string agentName) =>
        $"<draft reason=\"{Escape(reason)}\" agent=\"{Escape(agentName)}\"/>";

    public static (string Reason, string Agent)? Read(IEnumerable<ChatMessage> messages) =>
        messages.Where(m => m.Role == ChatRole.System).Select(m => Pattern().Match(m.Text)).FirstOrDefault(m => m.Success) is { } match
            ? (match.Groups[1].Value, match.Groups[2].Value)
            : null;

    private static string Escape(string value) => value.Replace("\"", "'").Replace("<", "").Replace(">", "");

    [GeneratedRegex("<draft reason=\"([^\"]*)\" agent=\"([^\"]*)\"/>")]
    private static partial Regex Pattern();
}
