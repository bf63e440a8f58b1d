namespace SupportAgent.Api.Handoff;

/// <summary>
/// The decision a handoff asks a person for (docs/CONTRACTS.md, "Approvals"): the money action the bot proposed and
/// policy would not let it carry out alone. Stored on the handoff (<c>handoffs.proposal</c>) and shown in the queue,
/// the thread and the console; the graph keeps its own copy in the checkpoint and executes that one.
/// </summary>
/// <param name="Tool">What an approval runs: <c>issue_refund</c> or <c>reship</c>.</param>
/// <param name="Amount">Dollars, refunds only.</param>
/// <param name="Reason">Why policy needs a person: <c>above_cap</c>, <c>daily_ceiling</c> or <c>second_reship</c>.</param>
/// <param name="CustomerReason">Why the customer asked, as the proposal recorded it.</param>
public sealed record HandoffProposal(
    string ProposalId, string Kind, string Tool, string OrderId, decimal? Amount, string Reason, string CustomerReason)
{
    /// <summary>What ToolsServices that name no policy meant: the per-order cap.</summary>
    public const string DefaultReason = "above_cap";

    public static HandoffProposal From(Proposal proposal) => new(
        proposal.Id, proposal.Kind, Proposals.ExecutingTool(proposal.Kind), proposal.OrderId, proposal.Amount,
        proposal.Policy ?? DefaultReason, proposal.Reason);
}
