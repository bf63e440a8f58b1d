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
}
