namespace SupportAgent.ToolsService.Tools;

/// <summary>What every money tool (issue_refund, reship) checks before it takes the order's lock.</summary>
public static class MoneyCalls
{
    /// <summary>A refusal when <c>Tools:RequireProposalId</c> is on and the call carries no X-Proposal-Id; otherwise null.</summary>
    public static ToolResult? ProposalMissing(ToolCall call, ToolsOptions options) =>
        options.RequireProposalId && call.ProposalId is null
            ? ToolResult.Refused(
                "I can't do that without a confirmed proposal, so nothing was changed. Please confirm the request again.",
                new { code = "proposal_required" })
            : null;
}
