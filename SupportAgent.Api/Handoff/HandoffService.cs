using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportAgent.Api.Conversations;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Streaming;
using SupportAgent.Api.Telemetry;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Handoff;

/// <param name="NoProposal">Approve or deny on a handoff that asks for no decision.</param>
/// <param name="Invalid">The decision cannot be carried out as given (an amount the order does not allow).</param>
/// <param name="OrderUnavailable">The order could not be read to check the decision; nothing was done.</param>
/// <param name="Failed">The graph could not finish the decision; the handoff is still held, and a retry runs it again.</param>
public enum HandoffOutcome { Done, NotFound, AlreadyClaimed, NotYours, Closed, Busy, NoProposal, Invalid, OrderUnavailable, Failed }

/// <summary>
/// A human agent working a thread: claim (one winner), reply (the customer sees it live), and the ways out of a
/// handoff, resolve, return to the bot, approve or deny the proposal it carries. Every way out answers the
/// workflow's pending HUMAN request and runs the graph on from that checkpoint, so no workflow is left waiting.
/// </summary>
public sealed class HandoffService(
    HandoffStore handoffs,
    ConversationStore store,
    ThreadEventStore events,
    IThreadLeases leases,
    ITurnRunner runner,
    TurnCoordinator turns,
    RunningTurns running,
    ToolsClient tools,
    SupportMeters meters,
    TimeProvider clock,
    IOptions<TurnOptions> options,
    ILogger<HandoffService> logger)
{
    public async Task<HandoffOutcome> ClaimAsync(string id, string agentId, CancellationToken ct)
    {
        var handoff = await handoffs.GetAsync(id, ct);
        if (handoff is null) return HandoffOutcome.NotFound;
        if (!await handoffs.ClaimAsync(id, agentId, ct))
        {
            return handoff.Status is HandoffStatuses.Open or HandoffStatuses.Claimed ? HandoffOutcome.AlreadyClaimed : HandoffOutcome.Closed;
        }
        await store.SetStatusAsync(handoff.ThreadId, ThreadStatuses.WithHuman, null, ct);
        await events.AppendAsync(handoff.ThreadId, "status", new { status = ThreadStatuses.WithHuman, handoffId = id, agent = agentId }, ct);
        return HandoffOutcome.Done;
    }

    public async Task<(HandoffOutcome Outcome, string? MessageId)> ReplyAsync(string id, string agentId, string text, CancellationToken ct)
    {
        var (outcome, handoff) = await HeldByAsync(id, agentId, ct);
        if (outcome != HandoffOutcome.Done) return (outcome, null);
        var messageId = await store.AddMessageAsync(handoff!.ThreadId, MessageRoles.Agent, agentId, text, null, ct);
        await events.AppendAsync(handoff.ThreadId, "message", new { id = messageId, role = MessageRoles.Agent, author = agentId, text }, ct);
        return (HandoffOutcome.Done, messageId);
    }

    /// <summary>Closes the case and the thread; the workflow's request is answered (nothing is said to the customer).</summary>
    public Task<HandoffOutcome> ResolveAsync(string id, string agentId, string? note, CancellationToken ct) =>
        AnswerAsync(id, agentId, new HumanResponse(agentId, note ?? "", HumanDecisions.Resolve), HandoffStatuses.Resolved, note, ct);

    /// <summary>Hands the thread back to the bot, which says so and carries on from its checkpoint.</summary>
    public Task<HandoffOutcome> ReturnToBotAsync(string id, string agentId, string note, CancellationToken ct) =>
        AnswerAsync(id, agentId, new HumanResponse(agentId, note, HumanDecisions.Return), HandoffStatuses.Returned, note, ct);

    /// <summary>
    /// Approves the handoff's proposal, optionally with another amount (a refund only, within what the order allows):
    /// the graph executes it exactly once through the ToolsService, audited with <c>approved_by</c> = the agent.
    /// </summary>
    public async Task<(HandoffOutcome Outcome, string? Detail)> ApproveAsync(string id, string agentId, decimal? amount, CancellationToken ct)
    {
        var (outcome, handoff) = await HeldByAsync(id, agentId, ct);
        if (outcome != HandoffOutcome.Done) return (outcome, null);
        if (handoff!.Proposal is not { } proposal) return (HandoffOutcome.NoProposal, null);
        if (await CheckAmountAsync(handoff, proposal, amount, ct) is { } refused) return refused;
        var note = amount is { } changed ? $"approved with {Proposals.Money(changed)}" : null;
        return (await AnswerAsync(id, agentId, new HumanResponse(agentId, "", HumanDecisions.Approve, amount), HandoffStatuses.Approved, note, ct),
            null);
    }

    /// <summary>Denies the handoff's proposal; the customer is told, with <paramref name="reason"/>, that nothing changed.</summary>
    public async Task<HandoffOutcome> DenyAsync(string id, string agentId, string reason, CancellationToken ct)
    {
        var (outcome, handoff) = await HeldByAsync(id, agentId, ct);
        if (outcome != HandoffOutcome.Done) return outcome;
        if (handoff!.Proposal is null) return HandoffOutcome.NoProposal;
        return await AnswerAsync(id, agentId, new HumanResponse(agentId, reason, HumanDecisions.Deny), HandoffStatuses.Denied, reason, ct);
    }

    /// <summary>
    /// The one way out of a held handoff. Under the thread's lease: the graph resumes from the thread's checkpoint with
    /// the person's answer at the HUMAN port, then the handoff is closed and the run's outcome stored like a turn's (the
    /// customer sees it on their event stream). The turn row is keyed by the decision and the handoff, and the handoff
    /// closes only after the graph has answered, so a decision that failed or was cut off is retried by the agent as the
    /// same turn: its tool calls replay from the audit and the payments provider's key, and money moves once. The run
    /// is detached from the HTTP request (an agent closing the page does not cut it off), within the turn deadline.
    /// </summary>
    private async Task<HandoffOutcome> AnswerAsync(
        string id, string agentId, HumanResponse response, string closeAs, string? note, CancellationToken ct)
    {
        var (outcome, handoff) = await HeldByAsync(id, agentId, ct);
        if (outcome != HandoffOutcome.Done) return outcome;
        await using var held = await leases.TakeSoonAsync(handoff!.ThreadId, ct);
        if (held is null) return HandoffOutcome.Busy;
        // Read again under the lease: a decision racing this one for the same handoff finished first.
        (outcome, _) = await HeldByAsync(id, agentId, ct);
        if (outcome != HandoffOutcome.Done) return outcome;

        var thread = held.Thread;
        var (turn, _) = await store.StartTurnAsync(thread.Id, $"{response.Decision}:{id}", ct);
        var request = new TurnRequest(thread.Id, thread.CustomerId, turn.Id, "", thread.CheckpointId);
        var sink = new TurnChannelSink(clock);
        using var deadline = new CancellationTokenSource(options.Value.Deadline, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, held.Lost, running.Stopping);
        using var tracked = running.Track();
        try
        {
            var result = await runner.ResumeFromHumanAsync(request, response, sink, linked.Token);
            if (!await handoffs.CloseAsync(id, agentId, closeAs, note, linked.Token)) return HandoffOutcome.Closed;
            if (closeAs == HandoffStatuses.Resolved)
            {
                await store.ResolveAsync(thread.Id, "agent_resolved", linked.Token);
                await events.AppendAsync(thread.Id, "status", new { status = ThreadStatuses.Resolved, handoffId = id, agent = agentId }, linked.Token);
                meters.Resolution("agent_resolved");
            }
            else if (result.Handoff is null)
            {
                // An approval that could not be carried out hands the thread over again instead (StoreOutcomeAsync).
                await store.SetStatusAsync(thread.Id, ThreadStatuses.Active, null, linked.Token);
                await events.AppendAsync(thread.Id, "status",
                    new { status = ThreadStatuses.Active, handoffId = id, agent = agentId, decision = response.Decision }, linked.Token);
            }
            await turns.StoreOutcomeAsync(request, result, sink, clock.GetUtcNow(), held, linked.Token);
            return HandoffOutcome.Done;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The {Decision} of handoff {HandoffId} on thread {ThreadId} did not finish; the agent may retry it",
                response.Decision, id, thread.Id);
            return HandoffOutcome.Failed;
        }
        finally
        {
            sink.Complete();
        }
    }

    /// <summary>
    /// A refund approval's amount (the agent's, or the proposal's) must be one the order allows now: no more than is
    /// still refundable. The ToolsService enforces it too; checking first gives the agent a 400 rather than the customer
    /// a refusal. The order is read through the ToolsService as the customer, audited under the node CONSOLE.
    /// </summary>
    private async Task<(HandoffOutcome, string?)?> CheckAmountAsync(HandoffRecord handoff, HandoffProposal proposal, decimal? amount, CancellationToken ct)
    {
        if (proposal.Kind != Proposals.Kinds.Refund)
        {
            return amount is null ? null : (HandoffOutcome.Invalid, "A replacement has no amount: approve it without one.");
        }
        if ((amount ?? proposal.Amount) is not { } refund) return null;
        var call = new ToolCallContext(handoff.CustomerId, handoff.ThreadId, $"console-{handoff.Id}", $"approve-check-{Guid.NewGuid():n}",
            HandoffAssistant.ConsoleNode);
        var order = await tools.CallAsync(call, "get_order", JsonSerializer.Serialize(new { order_id = proposal.OrderId }), ct);
        if (order.Outcome == ToolOutcomes.Error) return (HandoffOutcome.OrderUnavailable, order.Message);
        if (!order.IsOk || order.Data is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("refundable", out var left) || !left.TryGetDecimal(out var refundable))
        {
            return (HandoffOutcome.Invalid, $"Order {proposal.OrderId} cannot be refunded now: {order.Message}");
        }
        if (refund <= refundable) return null;
        return (HandoffOutcome.Invalid, refundable <= 0
            ? $"Order {proposal.OrderId} has nothing left to refund."
            : $"At most {Proposals.Money(refundable)} can be refunded for order {proposal.OrderId}; {Proposals.Money(refund)} is more.");
    }

    private async Task<(HandoffOutcome, HandoffRecord?)> HeldByAsync(string id, string agentId, CancellationToken ct)
    {
        var handoff = await handoffs.GetAsync(id, ct);
        if (handoff is null) return (HandoffOutcome.NotFound, null);
        if (HandoffStatuses.IsClosed(handoff.Status)) return (HandoffOutcome.Closed, handoff);
        if (handoff.Status != HandoffStatuses.Claimed || handoff.ClaimedBy != agentId) return (HandoffOutcome.NotYours, handoff);
        return (HandoffOutcome.Done, handoff);
    }
}
