using System.Globalization;
using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// Fixed wordings the engine writes and later reads back. The graph sends prior turns as text only, so a question the
/// engine asked ("Shall I refund $20.00 for order 1042 ...?") is how the next turn knows what a "yes" confirms.
/// </summary>
internal static partial class Phrases
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
        if (RefundQuestion().Match(assistantText) is { Success: true } refund)
            return new PendingAction(PendingKind.Refund, refund.Groups[2].Value,
                decimal.Parse(refund.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture));
        if (ReshipQuestion().Match(assistantText) is { Success: true } reship)
            return new PendingAction(PendingKind.Reship, reship.Groups[1].Value, null);
        if (assistantText.Contains(PersonOffer, StringComparison.Ordinal))
            return new PendingAction(PendingKind.Person, null, null);
        if (assistantText.Contains(ListOffer, StringComparison.Ordinal))
            return new PendingAction(PendingKind.ListOrders, null, null);
        return null;
    }

    [GeneratedRegex(@"Shall I (?:try to )?refund \$([\d,]+\.\d{2}) for order (\d+)")]
    private static partial Regex RefundQuestion();

    [GeneratedRegex(@"Shall I (?:try to )?send a replacement for order (\d+)")]
    private static partial Regex ReshipQuestion();
}

internal enum PendingKind { Refund, Reship, Person, ListOrders }

/// <summary>A question the engine asked in its previous message and now awaits a yes or no to.</summary>
internal sealed record PendingAction(PendingKind Kind, string? OrderId, decimal? Amount);
