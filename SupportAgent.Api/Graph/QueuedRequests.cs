using System.Text.RegularExpressions;

namespace SupportAgent.Api.Graph;

/// <summary>
/// When the other requests of a message wait (ARCHITECTURE.md §2, "Several requests"): while the answer to the current
/// one asks the customer something. A proposal awaiting the customer's yes, or a closing question about the case
/// ("Which order would you like me to check?"), holds the queue; "Is there anything else?" does not.
/// </summary>
public static partial class QueuedRequests
{
    private const int ExcerptLength = 80;

    public static bool Waits(string reply, Proposal? proposal, string lane)
    {
        if (proposal is { Status: Proposals.Statuses.Proposed } && proposal.Lane == lane) return true;
        var trimmed = reply.TrimEnd();
        if (!trimmed.EndsWith('?')) return false;
        var start = trimmed.LastIndexOfAny(['.', '!', '\n'], trimmed.Length - 2) + 1;
        return !OpenInvitation().IsMatch(trimmed[start..]);
    }

    /// <summary>What the customer is told the queued requests are waiting for.</summary>
    public static string Note(IReadOnlyList<QueuedRequest> queue)
    {
        var asked = string.Join(" and ", queue.Select(r => $"\"{Excerpt(r.Text)}\""));
        return $"You also asked {asked}: I'll come to that as soon as we've settled this.";
    }

    private static string Excerpt(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!', '?', ' ');
        return trimmed.Length <= ExcerptLength ? trimmed : trimmed[..(ExcerptLength - 3)].TrimEnd() + "...";
    }

    [GeneratedRegex(@"\b(?:anything|something)\s+else\b", RegexOptions.IgnoreCase)]
    private static partial Regex OpenInvitation();
}
