using SupportAgent.Api.Graph;
using SupportAgent.Api.Handoff;
using SupportAgent.Api.Limits;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Streaming;
using SupportAgent.Api.Telemetry;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// Takes a customer message from the Api to a stored answer: one turn at a time per thread, the message stored before
/// the graph runs, the turn run detached from the HTTP request, and its outcome (reply, usage, handoff) stored after.
/// </summary>
public sealed class TurnCoordinator(
    ConversationStore store,
    HandoffStore handoffs,
    ThreadEventStore events,
    ThreadLock locks,
    ITurnRunner runner,
    ISpendLedger spend,
    SupportMeters meters,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<TurnCoordinator> logger)
{
    public async Task<TurnStart> StartAsync(ThreadRecord thread, string text, string? clientKey, CancellationToken ct)
    {
        if (thread.Status is ThreadStatuses.AwaitingHuman or ThreadStatuses.WithHuman)
        {
            var id = await store.AddMessageAsync(thread.Id, MessageRoles.Customer, thread.CustomerId, text, null, ct);
            await events.AppendAsync(thread.Id, "message", new { id, role = MessageRoles.Customer, text }, ct);
            return new TurnStart.ToHuman(id, thread.Status);
        }

        var held = await AcquireAsync(thread.Id, ct);
        if (held is null) return new TurnStart.Busy();
        try
        {
            var (turn, created) = await store.StartTurnAsync(thread.Id, clientKey, ct);
            if (!created && turn.Status == "completed" && await store.ReplyOfTurnAsync(turn.Id, ct) is { } stored)
            {
                await held.DisposeAsync();
                return new TurnStart.Replay(turn.Id, stored.Id, stored.Text);
            }
            // A turn that failed or was cut off by a crash runs again from the thread's last completed checkpoint.
            if (!created) await store.RestartTurnAsync(turn.Id, ct);

            var messageId = await store.AddMessageAsync(thread.Id, MessageRoles.Customer, thread.CustomerId, text, turn.Id, ct);
            await events.AppendAsync(thread.Id, "message", new { id = messageId, role = MessageRoles.Customer, text }, ct);
            if (thread.Status == ThreadStatuses.Resolved)
            {
                await store.SetStatusAsync(thread.Id, ThreadStatuses.Active, [ThreadStatuses.Resolved], ct);
            }

            var sink = new TurnChannelSink(clock);
            var request = new TurnRequest(thread.Id, thread.CustomerId, turn.Id, text, thread.CheckpointId);
            var receivedAt = clock.GetUtcNow();
            // Detached from the request on purpose: a customer who disconnects must still get the turn completed and stored.
            var completion = Task.Run(() => RunAsync(request, receivedAt, sink, held), CancellationToken.None);
            return new TurnStart.Started(turn.Id, sink, completion);
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The previous turn lets go of the thread just after its done event, so a customer (or a duplicate request) arriving
    /// at once would find it held: wait a moment before answering busy.
    /// </summary>
    private async Task<IAsyncDisposable?> AcquireAsync(string threadId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await locks.TryAcquireAsync(threadId, ct) is { } held) return held;
            if (attempt == 15) return null;
            await Task.Delay(100, ct);
        }
    }

    private async Task RunAsync(TurnRequest request, DateTimeOffset receivedAt, TurnChannelSink sink, IAsyncDisposable held)
    {
        var ct = lifetime.ApplicationStopping;
        try
        {
            var result = await runner.RunTurnAsync(request, sink, ct);
            await StoreOutcomeAsync(request, result, sink, receivedAt, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Turn {TurnId} of thread {ThreadId} failed", request.TurnId, request.ThreadId);
            await sink.WriteAsync(new ErrorEvent(Http.ProblemCodes.TurnFailed,
                "Something went wrong while answering. Your message is saved; please send it again."), CancellationToken.None);
            await store.FailTurnAsync(request.TurnId, Http.ProblemCodes.TurnFailed, CancellationToken.None);
            meters.Turn("unknown", "failed");
        }
        finally
        {
            // The lock goes first: once the stream says done, the thread takes the customer's next message.
            try
            {
                await held.DisposeAsync();
            }
            finally
            {
                sink.Complete();
            }
        }
    }

    /// <summary>Stores what a graph run produced and tells the stream; shared by customer turns and return-to-bot.</summary>
    public async Task StoreOutcomeAsync(TurnRequest request, TurnResult result, ITurnEventSink sink, DateTimeOffset receivedAt, CancellationToken ct)
    {
        var firstReplyAt = (sink as TurnChannelSink)?.FirstReplyAt;
        var messageId = await store.AddMessageAsync(request.ThreadId, MessageRoles.Assistant, "bot", result.Reply, request.TurnId, ct);
        await store.CompleteTurnAsync(request.TurnId, request.ThreadId, result.Lane, result.Usage, firstReplyAt, result.CheckpointId, ct);
        await events.AppendAsync(request.ThreadId, "message", new { id = messageId, role = MessageRoles.Assistant, text = result.Reply }, ct);
        await spend.RecordAsync(request.CustomerId, result.Usage.Cost, ct);
        meters.Usage(result.Usage);
        meters.Turn(result.Lane, result.Handoff is null ? "answered" : "escalated");
        if (firstReplyAt is { } first) meters.FirstResponse(first - receivedAt, result.Lane);

        if (result.Handoff is { } h)
        {
            var handoff = await handoffs.OpenAsync(request.ThreadId, h.Reason, h.Lane, h.Summary, h.Priority, ct);
            await store.SetStatusAsync(request.ThreadId, ThreadStatuses.AwaitingHuman, null, ct);
            await events.AppendAsync(request.ThreadId, "status", new { status = ThreadStatuses.AwaitingHuman, handoffId = handoff.Id, h.Reason }, ct);
            await sink.WriteAsync(new HandoffEvent(handoff.Id, h.Reason, "A member of our support team will reply here."), ct);
            meters.Escalation(h.Reason, h.Lane);
        }
        await sink.WriteAsync(new DoneEvent(messageId, result.Usage.InputTokens, result.Usage.OutputTokens, result.Usage.Cost), ct);
    }
}
