using System.Security.Claims;
using SupportAgent.Api.Auth;
using SupportAgent.Api.Http;
using SupportAgent.Api.Limits;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Streaming;

namespace SupportAgent.Api.Conversations;

/// <summary>The customer's side of ARCHITECTURE.md §6: threads, streamed turns, the live event stream, feedback.</summary>
public static class ThreadsApi
{
    public const int MaxMessageLength = 4000;

    public sealed record MessageBody(string? Text);
    public sealed record CreatedThread(string Id);

    public static IEndpointRouteBuilder MapThreadsApi(this IEndpointRouteBuilder app)
    {
        var threads = app.MapGroup("/api/threads").WithTags("Threads");

        threads.MapPost("/", async (ClaimsPrincipal user, ConversationStore store, CancellationToken ct) =>
        {
            var thread = await store.CreateThreadAsync(user.SubjectId(), ct);
            return Results.Created($"/api/threads/{thread.Id}", new CreatedThread(thread.Id));
        }).RequireAuthorization(Policies.Customer).RequireRateLimiting(LimitPolicies.CustomerThreads).WithSummary("Start a thread");

        threads.MapGet("/", async (ClaimsPrincipal user, ConversationStore store, CancellationToken ct) =>
            Results.Ok((await store.ListThreadsAsync(user.SubjectId(), ct)).Select(ThreadViews.Summary)))
            .RequireAuthorization(Policies.Customer).WithSummary("The customer's threads, most recent first");

        threads.MapPost("/{id}/messages", SendMessageAsync)
            .RequireAuthorization(Policies.Customer)
            .RequireRateLimiting(LimitPolicies.CustomerMessages)
            .Accepts<MessageBody>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Send a message; the turn streams back as server-sent events");

        threads.MapGet("/{id}", async (string id, ClaimsPrincipal user, ThreadAccess access, ThreadViews views, CancellationToken ct) =>
            await access.FindAsync(id, user, ct) is { } thread
                ? Results.Ok(await views.DetailAsync(thread, includeToolCalls: user.IsAgent(), ct))
                : Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.ThreadNotFound, "Thread not found"))
            .RequireAuthorization(Policies.CustomerOrAgent).WithSummary("Status, lane and messages (agents also get the tool-call audit)");

        threads.MapGet("/{id}/events", ThreadEventsEndpoint.StreamAsync)
            .RequireAuthorization(Policies.CustomerOrAgent)
            .RequireRateLimiting(LimitPolicies.CustomerEventStreams)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Live events of the thread (human replies, status changes); resumable with Last-Event-ID");

        threads.MapPost("/{id}/feedback", FeedbackEndpoint.PostAsync)
            .RequireAuthorization(Policies.Customer).WithSummary("Rate the conversation (CSAT 1-5), once per thread");

        threads.MapPost("/{id}/resolve", ResolveAsync)
            .RequireAuthorization(Policies.Customer).WithSummary("The customer confirms the problem is solved");
        return app;
    }

    private static async Task<IResult> SendMessageAsync(
        string id, MessageBody? body, HttpContext http, ClaimsPrincipal user, ThreadAccess access, TurnCoordinator turns,
        ISpendLedger spend, CancellationToken ct)
    {
        var text = TextInput.Clean(body?.Text);
        if (string.IsNullOrEmpty(text)) return Problems.BadRequest(ProblemCodes.MessageEmpty, "The message has no text.");
        if (text.Length > MaxMessageLength)
        {
            return Problems.BadRequest(ProblemCodes.MessageTooLong, $"Messages are limited to {MaxMessageLength} characters.");
        }
        if (await access.FindAsync(id, user, ct) is not { } thread) return Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.ThreadNotFound, "Thread not found");

        var budget = await spend.CheckAsync(thread.CustomerId, ct);
        if (!budget.Allowed) return LimitProblems.SpendCapReached(budget);

        var clientKey = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (clientKey is { Length: > 200 }) return Problems.BadRequest(ProblemCodes.ValidationFailed, "Idempotency-Key is too long.");

        return await turns.StartAsync(thread.Id, text, clientKey, ct) switch
        {
            TurnStart.KeyReused => Problems.Create(StatusCodes.Status422UnprocessableEntity, ProblemCodes.IdempotencyKeyReused,
                "This Idempotency-Key was already used for another message",
                "Send a new message with a new key; reuse a key only to retry the very same message."),
            TurnStart.Busy => Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.TurnInProgress,
                "A reply to this thread is still being written", "Wait for the current reply, then send again."),
            TurnStart.Started started => new TurnStreamResult(started),
            TurnStart.Replay replay => new TurnStreamResult(replay),
            TurnStart.ToHuman toHuman => new TurnStreamResult(toHuman),
            _ => throw new InvalidOperationException("Unknown turn start."),
        };
    }

    private static async Task<IResult> ResolveAsync(
        string id, ClaimsPrincipal user, ThreadAccess access, ConversationStore store, ThreadEventStore events,
        Telemetry.SupportMeters meters, CancellationToken ct)
    {
        if (await access.FindAsync(id, user, ct) is not { } thread) return Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.ThreadNotFound, "Thread not found");
        if (thread.Status is ThreadStatuses.AwaitingHuman or ThreadStatuses.WithHuman)
        {
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.HandoffNotYours,
                "A person is handling this thread", "The support agent resolves a thread they hold.");
        }
        if (await store.ResolveAsync(thread.Id, "customer_confirmed", ct))
        {
            await events.AppendAsync(thread.Id, "status", new { status = ThreadStatuses.Resolved }, ct);
            meters.Resolution("customer_confirmed");
        }
        return Results.NoContent();
    }
}
