using Dapper;
using Npgsql;
using SupportAgent.Api.Graph;

namespace SupportAgent.Api.Persistence;

/// <summary>Threads, messages and turns in PostgreSQL: the Api keeps none of it in memory between requests.</summary>
public sealed class ConversationStore(NpgsqlDataSource db)
{
    private const string ThreadColumns =
        "id, customer_id, status, lane, created_at, last_activity_at, resolved_at, resolution, had_handoff, checkpoint_id";

    public static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():n}";

    public async Task<ThreadRecord> CreateThreadAsync(string customerId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<ThreadRecord>(new CommandDefinition(
            $"INSERT INTO threads (id, customer_id) VALUES (@id, @customerId) RETURNING {ThreadColumns}",
            new { id = NewId("th"), customerId }, cancellationToken: ct));
    }

    public async Task<ThreadRecord?> GetThreadAsync(string id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ThreadRecord>(new CommandDefinition(
            $"SELECT {ThreadColumns} FROM threads WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ThreadRecord>> ListThreadsAsync(string customerId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ThreadRecord>(new CommandDefinition(
            $"SELECT {ThreadColumns} FROM threads WHERE customer_id = @customerId ORDER BY last_activity_at DESC LIMIT 50",
            new { customerId }, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<MessageRecord>> GetMessagesAsync(string threadId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<MessageRecord>(new CommandDefinition(
            "SELECT id, role, author, text, turn_id, created_at FROM messages WHERE thread_id = @threadId ORDER BY seq",
            new { threadId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Idempotent per (turn, role): a retried turn finds the message it already stored.</summary>
    public async Task<string> AddMessageAsync(string threadId, string role, string? author, string text, string? turnId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var id = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            """
            INSERT INTO messages (id, thread_id, role, author, text, turn_id) VALUES (@id, @threadId, @role, @author, @text, @turnId)
            ON CONFLICT (turn_id, role) WHERE turn_id IS NOT NULL DO NOTHING
            RETURNING id
            """,
            new { id = NewId("msg"), threadId, role, author, text, turnId }, cancellationToken: ct));
        id ??= await c.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT id FROM messages WHERE turn_id = @turnId AND role = @role", new { turnId, role }, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE threads SET last_activity_at = now() WHERE id = @threadId", new { threadId }, cancellationToken: ct));
        return id;
    }

    /// <summary>
    /// Registers a turn. With a client key (the <c>Idempotency-Key</c> header) a repeated send finds the turn it
    /// already started instead of starting another one.
    /// </summary>
    public async Task<(TurnRecord Turn, bool Created)> StartTurnAsync(string threadId, string? clientKey, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var created = await c.QuerySingleOrDefaultAsync<TurnRecord>(new CommandDefinition(
            """
            INSERT INTO turns (id, thread_id, client_key) VALUES (@id, @threadId, @clientKey)
            ON CONFLICT (thread_id, client_key) WHERE client_key IS NOT NULL DO NOTHING
            RETURNING id, thread_id, client_key, status, lane, received_at
            """,
            new { id = NewId("turn"), threadId, clientKey }, cancellationToken: ct));
        if (created is not null) return (created, true);
        var existing = await c.QuerySingleAsync<TurnRecord>(new CommandDefinition(
            "SELECT id, thread_id, client_key, status, lane, received_at FROM turns WHERE thread_id = @threadId AND client_key = @clientKey",
            new { threadId, clientKey }, cancellationToken: ct));
        return (existing, false);
    }

    public async Task RestartTurnAsync(string turnId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE turns SET status = 'running', error_code = NULL, received_at = now(), first_reply_at = NULL WHERE id = @turnId",
            new { turnId }, cancellationToken: ct));
    }

    public async Task CompleteTurnAsync(
        string turnId, string threadId, string lane, TokenUsage usage, DateTimeOffset? firstReplyAt, string? checkpointId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE turns SET status = 'completed', lane = @lane, completed_at = now(), first_reply_at = COALESCE(@firstReplyAt, now()),
                input_tokens = @InputTokens, output_tokens = @OutputTokens, cost = @Cost
            WHERE id = @turnId;
            UPDATE threads SET lane = @lane, last_activity_at = now(), checkpoint_id = COALESCE(@checkpointId, checkpoint_id)
            WHERE id = @threadId;
            """,
            new { turnId, threadId, lane, firstReplyAt, usage.InputTokens, usage.OutputTokens, usage.Cost, checkpointId },
            cancellationToken: ct));
    }

    public async Task FailTurnAsync(string turnId, string code, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE turns SET status = 'failed', error_code = @code, completed_at = now() WHERE id = @turnId",
            new { turnId, code }, cancellationToken: ct));
    }

    public async Task<MessageRecord?> ReplyOfTurnAsync(string turnId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<MessageRecord>(new CommandDefinition(
            "SELECT id, role, author, text, turn_id, created_at FROM messages WHERE turn_id = @turnId AND role = 'assistant'",
            new { turnId }, cancellationToken: ct));
    }

    public async Task SetCheckpointAsync(string threadId, string checkpointId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE threads SET checkpoint_id = @checkpointId WHERE id = @threadId", new { threadId, checkpointId }, cancellationToken: ct));
    }

    /// <summary>Moves a thread between statuses; <paramref name="from"/> guards against racing transitions.</summary>
    public async Task<bool> SetStatusAsync(string threadId, string status, string[]? from, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE threads SET status = @status, last_activity_at = now(),
                had_handoff = had_handoff OR @status IN ('awaiting_human', 'with_human'),
                resolved_at = CASE WHEN @status = 'resolved' THEN now() ELSE NULL END,
                resolution = CASE WHEN @status = 'resolved' THEN resolution ELSE NULL END
            WHERE id = @threadId AND (@from::text[] IS NULL OR status = ANY(@from))
            """,
            new { threadId, status, from }, cancellationToken: ct)) == 1;
    }

    public async Task<bool> ResolveAsync(string threadId, string resolution, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE threads SET status = 'resolved', resolution = @resolution, resolved_at = now(), last_activity_at = now()
            WHERE id = @threadId AND status <> 'resolved'
            """,
            new { threadId, resolution }, cancellationToken: ct)) == 1;
    }
}
