using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Drafting;

/// <summary>
/// The offline engine's draft of a person's first reply after a handoff: a template per handoff reason, filled with
/// the agent's name and the order the conversation is about. It is a starting point the person edits; the console
/// never sends it on its own.
/// </summary>
public static partial class HandoffDraft
{
    public static string Write(IReadOnlyList<ChatMessage> conversation, string reason, string agentName)
    {
        var order = LastOrderNamed(conversation);
        var about = order is null ? "" : $" about order #{order}";
        var greeting = $"Hi, this is {agentName} from the support team.";
        return reason switch
        {
            "refund_needs_approval" or "needs_approval" =>
                $"{greeting} I've read your conversation and I'm reviewing the refund{about} myself now. " +
                "I'll confirm here as soon as it's decided; there's nothing more you need to do.",
            "customer_upset" =>
                $"{greeting} I'm sorry for the trouble{about}, and for having to explain it more than once. " +
                "I've read everything you wrote, and I'll take it from here until it's sorted.",
            "legal_or_safety" or "threat" =>
                $"{greeting} Thank you for telling us. I've read your conversation{about} and I'm handling it personally now.",
            "customer_asked_for_person" =>
                $"{greeting} Thanks for waiting. I've read your conversation{about}. How can I help?",
            "tool_failed" or "tool_failed_twice" =>
                $"{greeting} Sorry, our systems didn't let the assistant finish this. I've picked up your request{about} " +
                "and I'm looking into it now.",
            _ =>
                $"{greeting} I've picked up your conversation{about} and I'm looking into it now.",
        };
    }

    /// <summary>The last order number the customer wrote: four digits, not a year-like number in a date.</summary>
    private static string? LastOrderNamed(IReadOnlyList<ChatMessage> conversation) =>
        conversation.Where(m => m.Role == ChatRole.User).Reverse()
            .Select(m => OrderNumber().Match(m.Text))
            .FirstOrDefault(m => m.Success)?.Groups[1].Value;

    [GeneratedRegex(@"(?:order|#|no\.?|number)\s*#?\s*(\d{4,6})\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderNumber();
}
