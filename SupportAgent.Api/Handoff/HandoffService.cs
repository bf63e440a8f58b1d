using SupportAgent.Api.Conversations;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Streaming;
using SupportAgent.Api.Telemetry;

namespace SupportAgent.Api.Handoff;

public enum HandoffOutcome { Done, NotFound, AlreadyClaimed, NotYours, Closed, Busy }

/// <summary>
/// A human agent working a thread: claim (one winner), reply (the customer sees it live), resolve, or return the thread
/// to the bot, which answers the workflow's pending HUMAN request and carries on from that checkpoint.
/// </summary>
public sealed class HandoffService(
    HandoffStore handoffs,
    ConversationStore store,
    ThreadEventStore events,
    IThreadLeases leases,
    ITurnRunner runner,
    TurnCoordinator turns,
    SupportMeters meters,
    TimeProvider clock)
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

    public async Task<HandoffOutcome> ResolveAsync(string id, string agentId, string? note, CancellationToken ct)
    {
        var (outcome, handoff) = await HeldByAsync(id, agentId, ct);
        if (outcome != HandoffOutcome.Done) return outcome;
        if (!await handoffs.CloseAsync(id, agentId, HandoffStatuses.Resolved, note, ct)) return HandoffOutcome.Closed;
        await store.ResolveAsync(handoff!.ThreadId, "agent_resolved", ct);
        await events.AppendAsync(handoff.ThreadId, "status", new { status = ThreadStatuses.Resolved, handoffId = id, agent = agentId }, ct);
        meters.Resolution("agent_resolved");
        return HandoffOutcome.Done;
    }

    public async Task<HandoffOutcome> ReturnToBotAsync(string id, string agentId, string note, CancellationToken ct)
    {
        var (outcome, handoff) = await HeldByAsync(id, agentId, ct);
        if (outcome != HandoffOutcome.Done) return outcome;
        await using var held = await leases.TryTakeAsync(handoff!.ThreadId, ct);
        if (held is null) return HandoffOutcome.Busy;
        var thread = held.Thread;

        // The turn row is keyed by the handoff, so a retried return-to-bot finds it instead of answering twice.
        var (turn, _) = await store.StartTurnAsync(thread.Id, $"return:{id}", ct);
        if (!await handoffs.CloseAsync(id, agentId, HandoffStatuses.Returned, note, ct)) return HandoffOutcome.Closed;
        await store.SetStatusAsync(thread.Id, ThreadStatuses.Active, null, ct);
        await events.AppendAsync(thread.Id, "status", new { status = ThreadStatuses.Active, handoffId = id, agent = agentId }, ct);

        var sink = new TurnChannelSink(clock);
        var request = new TurnRequest(thread.Id, thread.CustomerId, turn.Id, "", thread.CheckpointId);
        var result = await runner.ResumeFromHumanAsync(request, new HumanResponse(agentId, note), sink, ct);
        await turns.StoreOutcomeAsync(request, result, sink, clock.GetUtcNow(), held, ct);
        sink.Complete();
        return HandoffOutcome.Done;
    }

    private async Task<(HandoffOutcome, HandoffRecord?)> HeldByAsync(string id, string agentId, CancellationToken ct)
    {
        var handoff = await handoffs.GetAsync(id, ct);
        if (handoff is null) return (HandoffOutcome.NotFound, null);
        if (handoff.Status is HandoffStatuses.Resolved or HandoffStatuses.Returned) return (HandoffOutcome.Closed, handoff);
        if (handoff.Status != HandoffStatuses.Claimed || handoff.ClaimedBy != agentId) return (HandoffOutcome.NotYours, handoff);
        return (HandoffOutcome.Done, handoff);
    }
}
