using System.Globalization;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// Fixed wordings the engine writes, some of which it reads back: the graph sends prior turns as text only, so an offer
/// the engine made ("Would you like me to connect you with a person?") is how the next turn knows what a "yes" accepts.
/// A refund or a reship is not read back from wording: it is a proposal the graph keeps (Protocol/Proposals.cs).
/// </summary>
internal static class Phrases
{
    public const string ErrorMarker = "something went wrong on our side";
    public const string DeclineMarker = "I'm not able to";
    public const string PersonOffer = "Would you like me to connect you with a person?";
    public const string ListOffer = "If you don't have it handy, I can list your recent orders.";

    public static string Money(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    public static string Status(string status) => status.Replace('_', ' ');

    public static string Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)
            : value ?? "";

    public static string AskRefund(string orderId, decimal amount) =>
        $"Shall I refund {Money(amount)} for order {orderId} to your original payment method?";

    public static string RetryRefund(string orderId, decimal amount) =>
        $"Shall I try to refund {Money(amount)} for order {orderId} again, or would you prefer a colleague to take over?";

    public static string AskReship(string orderId) => $"Shall I send a replacement for order {orderId}?";

    public static string RetryReship(string orderId) =>
        $"Shall I try to send a replacement for order {orderId} again, or would you prefer a colleague to take over?";

    /// <summary>What the engine's previous message asked the customer to confirm, if anything.</summary>
    public static PendingAction? PendingIn(string? assistantText)
    {
        if (string.IsNullOrEmpty(assistantText)) return null;
        if (assistantText.Contains(PersonOffer, StringComparison.Ordinal))
            return new PendingAction(PendingKind.Person);
        if (assistantText.Contains(ListOffer, StringComparison.Ordinal))
            return new PendingAction(PendingKind.ListOrders);
        return null;
    }
}

internal enum PendingKind { Person, ListOrders }

/// <summary>An offer the engine made in its previous message and now awaits a yes or no to.</summary>
internal sealed record PendingAction(PendingKind Kind);
