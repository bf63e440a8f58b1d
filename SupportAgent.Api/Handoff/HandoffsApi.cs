using System.Security.Claims;
using SupportAgent.Api.Auth;
using SupportAgent.Api.Http;

namespace SupportAgent.Api.Handoff;

/// <summary>The human agents' side of ARCHITECTURE.md §6: the queue and the work on a thread.</summary>
public static class HandoffsApi
{
    public sealed record ReplyBody(string? Text);
    public sealed record NoteBody(string? Note);
    public sealed record ApproveBody(decimal? Amount);
    public sealed record DenyBody(string? Reason);

    public static IEndpointRouteBuilder MapHandoffsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/handoffs").WithTags("Handoffs").RequireAuthorization(Policies.Agent);

        group.MapGet("/", async (string? status, HandoffStore store, CancellationToken ct) =>
        {
            if (status is not (null or HandoffStatuses.Open or HandoffStatuses.Claimed) && !HandoffStatuses.IsClosed(status))
            {
                return Problems.BadRequest(ProblemCodes.ValidationFailed, "status is one of open, claimed, resolved, returned, approved, denied.");
            }
            var queue = await store.ListAsync(status, ct);
            return Results.Ok(queue.Select(h => new
            {
                h.Id, h.ThreadId, h.CustomerId, h.Status, h.Reason, h.Lane, h.Summary, h.Priority, h.CreatedAt,
                h.ClaimedBy, h.ClaimedAt, h.WaitingSeconds, h.Proposal,
            }));
        }).WithSummary("The human queue: most urgent, then longest waiting, first");

        group.MapPost("/{id}/claim", async (string id, ClaimsPrincipal user, HandoffService handoffs, CancellationToken ct) =>
            ToResult(await handoffs.ClaimAsync(id, user.SubjectId(), ct), () => Results.Ok(new { id, claimedBy = user.SubjectId() })))
            .WithSummary("Take the thread; exactly one agent wins");

        group.MapPost("/{id}/reply", async (string id, ReplyBody? body, ClaimsPrincipal user, HandoffService handoffs, CancellationToken ct) =>
        {
            var text = TextInput.Clean(body?.Text);
            if (string.IsNullOrEmpty(text)) return Problems.BadRequest(ProblemCodes.MessageEmpty, "The reply has no text.");
            if (text.Length > 4000) return Problems.BadRequest(ProblemCodes.MessageTooLong, "Replies are limited to 4000 characters.");
            var (outcome, messageId) = await handoffs.ReplyAsync(id, user.SubjectId(), text, ct);
            return ToResult(outcome, () => Results.Ok(new { messageId }));
        }).WithSummary("Reply to the customer; they see it live");

        group.MapPost("/{id}/resolve", async (string id, NoteBody? body, ClaimsPrincipal user, HandoffService handoffs, CancellationToken ct) =>
            ToResult(await handoffs.ResolveAsync(id, user.SubjectId(), TextInput.Clean(body?.Note), ct), () => Results.NoContent()))
            .WithSummary("Close the case and the thread");

        group.MapPost("/{id}/return-to-bot", async (string id, NoteBody? body, ClaimsPrincipal user, HandoffService handoffs, CancellationToken ct) =>
        {
            var note = TextInput.Clean(body?.Note);
            if (note is { Length: > 2000 }) return Problems.BadRequest(ProblemCodes.ValidationFailed, "note is limited to 2000 characters.");
            return ToResult(await handoffs.ReturnToBotAsync(id, user.SubjectId(), note ?? "", ct), () => Results.NoContent());
        }).WithSummary("Hand the thread back to the bot, which carries on from its checkpoint");

        group.MapPost("/{id}/approve", async (string id, ApproveBody? body, ClaimsPrincipal user, HandoffService handoffs, CancellationToken ct) =>
        {
            if (body?.Amount is { } amount && (amount <= 0 || amount != decimal.Round(amount, 2)))
            {
                return Problems.BadRequest(ProblemCodes.ValidationFailed, "amount is a number of dollars above 0 with at most two decimals, e.g. 123.45.");
            }
            var (outcome, detail) = await handoffs.ApproveAsync(id, user.SubjectId(), body?.Amount, ct);
            return ToResult(outcome, () => Results.NoContent(), detail);
        }).WithSummary("Approve the handoff's proposal (optionally another amount); the graph executes it once, audited with the agent");

        group.MapPost("/{id}/deny", async (string id, DenyBody? body, ClaimsPrincipal user, HandoffService handoffs, CancellationToken ct) =>
        {
            var reason = TextInput.Clean(body?.Reason);
            if (string.IsNullOrEmpty(reason)) return Problems.BadRequest(ProblemCodes.ValidationFailed, "reason is required: the customer sees it.");
            if (reason.Length > 1000) return Problems.BadRequest(ProblemCodes.ValidationFailed, "reason is limited to 1000 characters.");
            return ToResult(await handoffs.DenyAsync(id, user.SubjectId(), reason, ct), () => Results.NoContent());
        }).WithSummary("Deny the handoff's proposal; the customer is told why and nothing is changed");
        return app;
    }

    private static IResult ToResult(HandoffOutcome outcome, Func<IResult> done, string? detail = null) => outcome switch
    {
        HandoffOutcome.Done => done(),
        HandoffOutcome.NotFound => Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.HandoffNotFound, "Handoff not found"),
        HandoffOutcome.AlreadyClaimed => Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.HandoffNotClaimable,
            "Another agent already claimed this handoff"),
        HandoffOutcome.NotYours => Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.HandoffNotYours,
            "Claim the handoff before working on it", "Only the agent holding a handoff can reply, resolve, return, approve or deny it."),
        HandoffOutcome.Closed => Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.HandoffClosed, "This handoff is already closed"),
        HandoffOutcome.NoProposal => Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.HandoffNoProposal,
            "This handoff asks for no decision", "Only a handoff carrying a proposal can be approved or denied."),
        HandoffOutcome.Invalid => Problems.BadRequest(ProblemCodes.ValidationFailed, detail ?? "The decision cannot be carried out."),
        HandoffOutcome.OrderUnavailable => Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemCodes.OrderUnavailable,
            "The order could not be checked; nothing was done. Try again in a moment.", detail),
        HandoffOutcome.Failed => Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemCodes.TurnFailed,
            "The decision could not be completed; nothing was closed. Try again.",
            "Retrying is safe: an action that already ran is not run twice."),
        _ => Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.TurnInProgress, "The thread is busy; try again in a moment"),
    };
}
