namespace SupportAgent.ToolsService.Tools;

/// <summary>Section <c>Tools</c>.</summary>
public sealed class ToolsOptions
{
    public const string Section = "Tools";

    /// <summary>
    /// When true, <c>issue_refund</c> and <c>reship</c> without an <c>X-Proposal-Id</c> header are refused (code
    /// <c>proposal_required</c>) and move nothing. False while callers move over: the tool call id stands in for the
    /// proposal (docs/CONTRACTS.md).
    /// </summary>
    public bool RequireProposalId { get; set; }
}
