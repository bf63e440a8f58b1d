using Dapper;
using Npgsql;
using SupportAgent.Api.Handoff;
using SupportAgent.Api.Persistence;

namespace SupportAgent.Api.Conversations;

/// <summary>The JSON shapes of a thread for customers and agents.</summary>
public sealed class ThreadViews(ConversationStore store, HandoffStore handoffs, NpgsqlDataSource db)
{
    public static object Summary(ThreadRecord t) => new
    {
        t.Id, t.Status, t.Lane, t.CreatedAt, t.LastActivityAt, t.ResolvedAt,
    };

    public async Task<object> DetailAsync(ThreadRecord thread, bool includeToolCalls, CancellationToken ct)
    {
        var messages = await store.GetMessagesAsync(thread.Id, ct);
        var handoff = await handoffs.OpenForThreadAsync(thread.Id, ct);
        return new
        {
            thread.Id,
            thread.CustomerId,
            thread.Status,
            thread.Lane,
            thread.CreatedAt,
            thread.LastActivityAt,
            thread.ResolvedAt,
            thread.Resolution,
            Messages = messages.Select(m => new { m.Id, m.Role, m.Author, m.Text, m.CreatedAt }),
            Handoff = handoff is null ? null : new { handoff.Id, handoff.Status, handoff.Reason, handoff.ClaimedBy, handoff.CreatedAt, handoff.Proposal },
            ToolCalls = includeToolCalls ? await ToolCallsAsync(thread.Id, ct) : null,
        };
    }

    /// <summary>The ToolsService's audit rows for the thread (docs/CONTRACTS.md), oldest first.</summary>
    public async Task<IReadOnlyList<ToolCallView>> ToolCallsAsync(string threadId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ToolCallView>(new CommandDefinition(
            """
            SELECT call_id, turn_id, node, tool, arguments::text AS arguments, result::text AS result, outcome,
                   idempotency_key, duration_ms, started_at
            FROM tool_calls WHERE thread_id = @threadId ORDER BY started_at
            """,
            new { threadId }, cancellationToken: ct))).AsList();
    }

    public sealed record ToolCallView(
        string CallId, string? TurnId, string? Node, string Tool, string? Arguments, string? Result, string? Outcome,
        string? IdempotencyKey, int? DurationMs, DateTime StartedAt);
}
