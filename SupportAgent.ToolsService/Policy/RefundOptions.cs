using System.ComponentModel.DataAnnotations;

namespace SupportAgent.ToolsService.Policy;

/// <summary>Section <c>Refunds</c>.</summary>
public sealed class RefundOptions
{
    public const string Section = "Refunds";

    /// <summary>The most an agent may refund on one order without a person approving it.</summary>
    [Range(typeof(decimal), "0.01", "1000000")]
    public decimal ApprovalCapDollars { get; set; } = 500m;

    public long ApprovalCapCents => Money.ToCents(ApprovalCapDollars);

    /// <summary>The most the bot refunds one customer on its own in one UTC day, over all their orders and conversations.</summary>
    [Range(typeof(decimal), "0.01", "100000000")]
    public decimal DailyAutoRefundCeilingDollars { get; set; } = 1000m;

    public long DailyAutoRefundCeilingCents => Money.ToCents(DailyAutoRefundCeilingDollars);
}
