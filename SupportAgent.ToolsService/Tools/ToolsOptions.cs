namespace SupportAgent.ToolsService.Tools;

/// <summary>Section <c>Tools</c>.</summary>
public sealed class ToolsOptions
{
    public const string Section = "Tools";

    /// <summary>
    /// When true (the default), <c>issue_refund</c> and <c>reship</c> without an <c>X-Proposal-Id</c> header are refused
    /// (code <c>proposal_required</c>) and move nothing: the Api sends every money call with the confirmed or approved
    /// proposal it executes. False only for an older caller: then the tool call id stands in for the proposal
    /// (docs/CONTRACTS.md).
    /// </summary>
    public bool RequireProposalId { get; set; } = true;
}
