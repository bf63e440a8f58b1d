using System.Security.Claims;
using Dapper;
using Npgsql;
using SupportAgent.Api.Http;

namespace SupportAgent.Api.Conversations;

/// <summary><c>POST /api/threads/{id}/feedback</c>: CSAT 1-5 with an optional comment, once per thread.</summary>
public static class FeedbackEndpoint
{
    public sealed record FeedbackBody(int? Rating, string? Comment);

    public static async Task<IResult> PostAsync(
        string id, FeedbackBody? body, ClaimsPrincipal user, ThreadAccess access, NpgsqlDataSource db, CancellationToken ct)
    {
        if (body?.Rating is not (>= 1 and <= 5) || body.Rating is not { } rating)
        {
            return Problems.BadRequest(ProblemCodes.ValidationFailed, "rating must be a whole number from 1 to 5.");
        }
        var comment = TextInput.Clean(body.Comment);
        if (comment is { Length: > 2000 })
        {
            return Problems.BadRequest(ProblemCodes.ValidationFailed, "comment is limited to 2000 characters.");
        }
        if (await access.FindAsync(id, user, ct) is null) return Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.ThreadNotFound, "Thread not found");
        await using var c = await db.OpenConnectionAsync(ct);
        var inserted = await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO feedback (thread_id, rating, comment) VALUES (@id, @rating, @comment) ON CONFLICT (thread_id) DO NOTHING",
            new { id, rating, comment }, cancellationToken: ct));
        return inserted == 1
            ? Results.Created($"/api/threads/{id}/feedback", new { threadId = id, rating, comment })
            : Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.FeedbackExists, "This conversation was already rated");
    }
}
