using Microsoft.Extensions.Options;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Handoff;
using SupportAgent.Api.Limits;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Telemetry;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// Takes a customer message from the Api to a stored answer: one turn at a time per thread (the thread's lease), the
/// thread read under the lease, the message stored before the graph runs, the turn run detached from the HTTP request
/// within its deadline, and its outcome (reply, usage, handoff) stored in the statement that gives the lease back.
/// </summary>
public sealed class TurnCoordinator(
    ConversationStore store,
    HandoffStore handoffs,
    IThreadLeases leases,
    RunningTurns running,
    ITurnRunner runner,
    ISpendLedger spend,
    SupportMeters meters,
    TimeProvider clock,
    IOptions<TurnOptions> options,
    ILogger<TurnCoordinator> logger)
{
    public async Task<TurnStart> StartAsync(string threadId, string text, string? clientKey, CancellationToken ct)
    {
        // A repeat of an answered message is answered from storage at once, without waiting for the thread.
        if (clientKey is not null && await store.FindKeyedAsync(threadId, clientKey, ct) is { } seen
            && (Reused(seen, text) || seen.Reply is not null))
        {
            return Answered(seen, text, "");
        }

        var lease = await leases.TakeSoonAsync(threadId, ct);
        if (lease is null) return new TurnStart.Busy();
        var handedOver = false;
        try
        {
            var thread = lease.Thread;
            if (thread.Status is ThreadStatuses.AwaitingHuman or ThreadStatuses.WithHuman)
            {
                var (id, stored, _) = await store.AddMessageToHumanAsync(thread.Id, thread.CustomerId, text, clientKey, ct);
                return stored == text ? new TurnStart.ToHuman(id, thread.Status) : new TurnStart.KeyReused();
            }

            string turnId;
            if (clientKey is not null && await store.FindKeyedAsync(thread.Id, clientKey, ct) is { } keyed)
            {
                if (Reused(keyed, text) || keyed.Reply is not null || keyed.TurnId is null) return Answered(keyed, text, thread.Status);
                // A keyed turn that failed, or was cut off by a crash, runs again from the thread's last completed checkpoint.
                await store.RestartTurnAsync(keyed.TurnId, ct);
                turnId = keyed.TurnId;
            }
            else if (await store.BeginTurnAsync(thread.Id, thread.CustomerId, text, clientKey, ct) is { } begun)
            {
                turnId = begun.TurnId;
            }
            else
            {
                return new TurnStart.Busy();
            }

            var sink = new TurnChannelSink(clock);
            var request = new TurnRequest(thread.Id, thread.CustomerId, turnId, text, thread.CheckpointId);
            // Detached from the request on purpose: a customer who disconnects must still get the turn completed and stored.
            var completion = Task.Run(() => RunAsync(request, clock.GetUtcNow(), sink, lease), CancellationToken.None);
            handedOver = true;
            return new TurnStart.Started(turnId, sink, completion);
        }
        finally
        {
            if (!handedOver) await lease.DisposeAsync();
        }
    }

    /// <summary>
    /// Finishes a turn whose process died (its lease ran out) from the thread's last checkpoint; the tool ledger replays
    /// the calls that already ran, and the reply reaches the customer through the thread's event stream. False when the
    /// thread is busy or the turn is no longer running.
    /// </summary>
    public async Task<bool> ResumeOrphanAsync(OrphanedTurn orphan, CancellationToken ct)
    {
        var lease = await leases.TryTakeAsync(orphan.ThreadId, ct);
        if (lease is null) return false;
        string? text;
        try
        {
            text = await store.RunningTurnTextAsync(orphan.TurnId, ct);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
        if (text is null)
        {
            await lease.DisposeAsync();
            return false;
        }
        logger.LogInformation("Resuming turn {TurnId} of thread {ThreadId}, left running by a process that stopped", orphan.TurnId, orphan.ThreadId);
        var thread = lease.Thread;
        var request = new TurnRequest(thread.Id, thread.CustomerId, orphan.TurnId, text, thread.CheckpointId);
        await RunAsync(request, clock.GetUtcNow(), new TurnChannelSink(clock), lease);
        meters.Turn("unknown", "recovered");
        return true;
    }

    private static bool Reused(KeyedMessage keyed, string text) => keyed.Text is not null && keyed.Text != text;

    private static TurnStart Answered(KeyedMessage keyed, string text, string status) => keyed switch
    {
        _ when Reused(keyed, text) => new TurnStart.KeyReused(),
        { TurnId: null, MessageId: { } id } => new TurnStart.ToHuman(id, status),
        { TurnId: { } turnId, ReplyId: { } replyId, Reply: { } reply } => new TurnStart.Replay(turnId, replyId, reply),
        _ => new TurnStart.Busy(),
    };

    /// <summary>
    /// Runs the graph within the turn's deadline and stores the outcome; the stream always ends with <c>done</c> or
    /// <c>error</c>. A turn cut off by shutdown, or whose lease another process took, stays running for that process.
    /// </summary>
    private async Task RunAsync(TurnRequest request, DateTimeOffset receivedAt, TurnChannelSink sink, ThreadLease lease)
    {
        using var deadline = new CancellationTokenSource(options.Value.Deadline, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, lease.Lost, running.Stopping);
        var ct = linked.Token;
        using var tracked = running.Track();
        try
        {
            var result = await runner.RunTurnAsync(request, sink, ct);
            await StoreOutcomeAsync(request, result, sink, receivedAt, lease, ct);
        }
        catch (Exception ex) when (ex is LeaseLostException || lease.Lost.IsCancellationRequested || running.Stopping.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Turn {TurnId} of thread {ThreadId} cut off; it stays running and another process resumes it",
                request.TurnId, request.ThreadId);
            await sink.WriteAsync(new ErrorEvent(Http.ProblemCodes.TurnInterrupted,
                "Your message is saved and the reply is on its way; it will appear in this conversation."), CancellationToken.None);
        }
        catch (Exception ex)
        {
            var timedOut = deadline.IsCancellationRequested;
            logger.LogError(ex, "Turn {TurnId} of thread {ThreadId} {Outcome}", request.TurnId, request.ThreadId, timedOut ? "ran out of time" : "failed");
            await sink.WriteAsync(timedOut
                ? new ErrorEvent(Http.ProblemCodes.TurnTimeout, "This is taking too long. Your message is saved; please send it again.")
                : new ErrorEvent(Http.ProblemCodes.TurnFailed, "Something went wrong while answering. Your message is saved; please send it again."),
                CancellationToken.None);
            try
            {
                await store.FailTurnAsync(request.ThreadId, request.TurnId, timedOut ? Http.ProblemCodes.TurnTimeout : Http.ProblemCodes.TurnFailed,
                    lease.Owner, CancellationToken.None);
                lease.MarkReleased();
            }
            catch (Exception storeEx)
            {
                // Storage away: the turn stays running and its lease runs out, so recovery finishes it later.
                logger.LogWarning(storeEx, "Could not record the failure of turn {TurnId}", request.TurnId);
            }
            meters.Turn("unknown", timedOut ? "timed_out" : "failed");
        }
        finally
        {
            // The lease is given back first (usually already, by the statement that stored the reply): once the stream
            // says done, the thread takes the customer's next message.
            try
            {
                await lease.DisposeAsync();
            }
            finally
            {
                sink.Complete();
            }
        }
    }

    /// <summary>
    /// Stores what a graph run produced, gives the thread's lease back in the same statement, and tells the stream;
    /// shared by customer turns and a person's answer at the HUMAN port (HandoffService). A run that said nothing (a
    /// resolve) stores no message. Throws <see cref="LeaseLostException"/> when another process has
    /// taken the thread meanwhile (it finishes the turn instead).
    /// </summary>
    public async Task StoreOutcomeAsync(
        TurnRequest request, TurnResult result, ITurnEventSink sink, DateTimeOffset receivedAt, ThreadLease lease, CancellationToken ct)
    {
        var firstReplyAt = (sink as TurnChannelSink)?.FirstReplyAt;
        var messageId = ConversationStore.NewId("msg");
        List<object> events = result.Reply.Length == 0 ? []
            : [new { type = "message", data = new { id = messageId, role = MessageRoles.Assistant, text = result.Reply } }];
        HandoffRecord? handoff = null;
        if (result.Handoff is { } h)
        {
            // Opened before the turn ends: the thread turns awaiting_human in the statement that frees it.
            handoff = await handoffs.OpenAsync(request.ThreadId, h.Reason, h.Lane, h.Summary, h.Priority,
                h.Proposal is { } proposal ? HandoffProposal.From(proposal) : null, ct);
            events.Add(new { type = "status", data = new { status = ThreadStatuses.AwaitingHuman, handoffId = handoff.Id, h.Reason } });
        }
        var finish = new TurnFinish(request.ThreadId, request.TurnId, messageId, result.Reply, result.Lane, result.Usage, firstReplyAt,
            result.CheckpointId, handoff is null ? null : ThreadStatuses.AwaitingHuman, events);
        if (!await store.FinishTurnAsync(finish, lease.Owner, ct)) throw new LeaseLostException(request.ThreadId);
        lease.MarkReleased();

        await spend.RecordAsync(request.CustomerId, result.Usage.Cost, ct);
        meters.Usage(result.Usage);
        meters.Turn(result.Lane, handoff is null ? "answered" : "escalated");
        if (firstReplyAt is { } first) meters.FirstResponse(first - receivedAt, result.Lane);
        if (handoff is not null)
        {
            await sink.WriteAsync(new HandoffEvent(handoff.Id, result.Handoff!.Reason, "A member of our support team will reply here."), ct);
            meters.Escalation(result.Handoff.Reason, result.Handoff.Lane);
        }
        await sink.WriteAsync(new DoneEvent(messageId, result.Usage.InputTokens, result.Usage.OutputTokens, result.Usage.Cost), ct);
    }
}

/// <summary>The thread's lease ran out and another process took it: that process finishes the turn.</summary>
public sealed class LeaseLostException(string threadId) : Exception($"The lease of thread {threadId} was lost.");
