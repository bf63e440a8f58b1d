using Dapper;
using Npgsql;
using System.Text.Json;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Streaming;

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

    /// <summary>
    /// Takes the thread's lease when it is free or has run out (one statement, nothing held afterwards) and returns the
    /// thread as it is under the lease; null when another turn holds it or the thread does not exist.
    /// </summary>
    public async Task<ThreadRecord?> TryTakeLeaseAsync(string threadId, string owner, TimeSpan ttl, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ThreadRecord>(new CommandDefinition(
            $"""
            UPDATE threads SET lease_owner = @owner, lease_until = now() + make_interval(secs => @seconds)
            WHERE id = @threadId AND (lease_until IS NULL OR lease_until < now())
            RETURNING {ThreadColumns}
            """,
            new { threadId, owner, seconds = ttl.TotalSeconds }, cancellationToken: ct));
    }

    /// <summary>False when the lease is no longer this owner's (it ran out and someone else took the thread).</summary>
    public async Task<bool> RenewLeaseAsync(string threadId, string owner, TimeSpan ttl, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE threads SET lease_until = now() + make_interval(secs => @seconds) WHERE id = @threadId AND lease_owner = @owner",
            new { threadId, owner, seconds = ttl.TotalSeconds }, cancellationToken: ct)) == 1;
    }

    public async Task ReleaseLeaseAsync(string threadId, string owner, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE threads SET lease_owner = NULL, lease_until = NULL WHERE id = @threadId AND lease_owner = @owner",
            new { threadId, owner }, cancellationToken: ct));
    }

    /// <summary>
    /// What an <c>Idempotency-Key</c> already stands for in a thread: a turn (with its message and, once answered, its
    /// reply), or a message to a person (<see cref="KeyedMessage.TurnId"/> null). Null for a new key.
    /// </summary>
    public async Task<KeyedMessage?> FindKeyedAsync(string threadId, string clientKey, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<KeyedMessage>(new CommandDefinition(
            """
            SELECT t.id AS turn_id, t.status, q.id AS message_id, q.text, a.id AS reply_id, a.text AS reply
            FROM turns t
            LEFT JOIN messages q ON q.turn_id = t.id AND q.role = 'customer'
            LEFT JOIN messages a ON a.turn_id = t.id AND a.role = 'assistant'
            WHERE t.thread_id = @threadId AND t.client_key = @clientKey
            UNION ALL
            SELECT NULL, 'to_human', m.id, m.text, NULL, NULL FROM messages m WHERE m.thread_id = @threadId AND m.client_key = @clientKey
            LIMIT 1
            """,
            new { threadId, clientKey }, cancellationToken: ct));
    }

    /// <summary>
    /// Starts a turn under the thread's lease in one statement: the turn row, the customer's message, the thread reopened
    /// if it was resolved, and the message event for live streams. Null when the key was taken meanwhile.
    /// </summary>
    public async Task<(string TurnId, string MessageId)?> BeginTurnAsync(
        string threadId, string customerId, string text, string? clientKey, CancellationToken ct)
    {
        var turnId = NewId("turn");
        var messageId = NewId("msg");
        await using var c = await db.OpenConnectionAsync(ct);
        var started = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            WITH turn AS (
                INSERT INTO turns (id, thread_id, client_key) VALUES (@turnId, @threadId, @clientKey)
                ON CONFLICT (thread_id, client_key) WHERE client_key IS NOT NULL DO NOTHING
                RETURNING id
            ), msg AS (
                INSERT INTO messages (id, thread_id, role, author, text, turn_id)
                SELECT @messageId, @threadId, 'customer', @customerId, @text, id FROM turn
                RETURNING id
            ), thread AS (
                UPDATE threads SET last_activity_at = now(),
                    status = CASE WHEN status = 'resolved' THEN 'active' ELSE status END,
                    resolved_at = CASE WHEN status = 'resolved' THEN NULL ELSE resolved_at END,
                    resolution = CASE WHEN status = 'resolved' THEN NULL ELSE resolution END
                WHERE id = @threadId AND EXISTS (SELECT 1 FROM msg)
            ), {EventSql("msg", "jsonb_build_object('id', @messageId, 'role', 'customer', 'text', @text::text)")}
            SELECT (SELECT count(*) FROM msg) + 0 * (SELECT count(*) FROM notified)
            """,
            new { turnId, messageId, threadId, customerId, text, clientKey, channel = ThreadEventStore.Channel }, cancellationToken: ct));
        return started == 1 ? (turnId, messageId) : null;
    }

    /// <summary>A keyed turn that failed or was cut off runs again: back to running, its customer message kept.</summary>
    public async Task RestartTurnAsync(string turnId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE turns SET status = 'running', error_code = NULL, received_at = now(), first_reply_at = NULL WHERE id = @turnId",
            new { turnId }, cancellationToken: ct));
    }

    /// <summary>
    /// A customer message to the person holding the thread, with its key, and its event. Returns the stored message and
    /// whether this call stored it (false: the key was already used, the stored text says for what).
    /// </summary>
    public async Task<(string Id, string Text, bool Created)> AddMessageToHumanAsync(
        string threadId, string customerId, string text, string? clientKey, CancellationToken ct)
    {
        var messageId = NewId("msg");
        await using var c = await db.OpenConnectionAsync(ct);
        var created = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            WITH msg AS (
                INSERT INTO messages (id, thread_id, role, author, text, client_key)
                VALUES (@messageId, @threadId, 'customer', @customerId, @text, @clientKey)
                ON CONFLICT (thread_id, client_key) WHERE client_key IS NOT NULL DO NOTHING
                RETURNING id
            ), thread AS (
                UPDATE threads SET last_activity_at = now() WHERE id = @threadId AND EXISTS (SELECT 1 FROM msg)
            ), {EventSql("msg", "jsonb_build_object('id', @messageId, 'role', 'customer', 'text', @text::text)")}
            SELECT (SELECT count(*) FROM msg) + 0 * (SELECT count(*) FROM notified)
            """,
            new { messageId, threadId, customerId, text, clientKey, channel = ThreadEventStore.Channel }, cancellationToken: ct));
        if (created == 1) return (messageId, text, true);
        var stored = await c.QuerySingleAsync<(string Id, string Text)>(new CommandDefinition(
            "SELECT id, text FROM messages WHERE thread_id = @threadId AND client_key = @clientKey",
            new { threadId, clientKey }, cancellationToken: ct));
        return (stored.Id, stored.Text, false);
    }

    /// <summary>
    /// Ends a turn in one statement, and only while its lease is still this owner's: the reply stored, the turn completed,
    /// the thread's checkpoint, lane and (on a handoff) status moved on, the lease given back, and the events written.
    /// The thread's status and its lease change together, so a message arriving just after never sees the thread free
    /// and still active when the turn handed it to a person. False when the lease was lost (another process finishes it).
    /// </summary>
    public async Task<bool> FinishTurnAsync(TurnFinish finish, string leaseOwner, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var leased = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            WITH lease AS (
                UPDATE threads SET lane = @Lane, last_activity_at = now(), checkpoint_id = COALESCE(@CheckpointId::text, checkpoint_id),
                    status = COALESCE(@Status::text, status), had_handoff = had_handoff OR @Status::text IS NOT NULL,
                    lease_owner = NULL, lease_until = NULL
                WHERE id = @ThreadId AND lease_owner = @leaseOwner
                RETURNING id
            ), turn AS (
                UPDATE turns SET status = 'completed', lane = @Lane, completed_at = now(),
                    first_reply_at = COALESCE(@FirstReplyAt::timestamptz, now()),
                    input_tokens = @InputTokens, output_tokens = @OutputTokens, cost = @Cost
                WHERE id = @TurnId AND EXISTS (SELECT 1 FROM lease)
            ), msg AS (
                INSERT INTO messages (id, thread_id, role, author, text, turn_id)
                SELECT @MessageId, @ThreadId, 'assistant', 'bot', @Reply, @TurnId FROM lease WHERE @Reply <> ''
                ON CONFLICT (turn_id, role) WHERE turn_id IS NOT NULL DO NOTHING
                RETURNING id
            ), events AS (
                INSERT INTO thread_events (thread_id, type, data)
                SELECT @ThreadId, e ->> 'type', e -> 'data' FROM lease, jsonb_array_elements(@Events::jsonb) e
                RETURNING id
            ), notified AS (
                SELECT pg_notify(@channel, @ThreadId) FROM lease
            )
            SELECT (SELECT count(*) FROM lease) + 0 * (SELECT count(*) FROM notified)
            """,
            new
            {
                finish.ThreadId, finish.TurnId, finish.MessageId, finish.Reply, finish.Lane, finish.CheckpointId, finish.Status,
                finish.FirstReplyAt, finish.Usage.InputTokens, finish.Usage.OutputTokens, finish.Usage.Cost,
                Events = JsonSerializer.Serialize(finish.Events, JsonSerializerOptions.Web), leaseOwner, channel = ThreadEventStore.Channel,
            },
            cancellationToken: ct));
        return leased == 1;
    }

    /// <summary>Fails a turn and gives the thread's lease back in one statement (nothing happens if the lease was lost).</summary>
    public async Task FailTurnAsync(string threadId, string turnId, string code, string leaseOwner, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            WITH lease AS (
                UPDATE threads SET lease_owner = NULL, lease_until = NULL WHERE id = @threadId AND lease_owner = @leaseOwner RETURNING id
            )
            UPDATE turns SET status = 'failed', error_code = @code, completed_at = now() WHERE id = @turnId AND EXISTS (SELECT 1 FROM lease)
            """,
            new { threadId, turnId, code, leaseOwner }, cancellationToken: ct));
    }

    /// <summary>
    /// Turns left running whose thread's lease has run out (or was given back by a process shutting down): their
    /// process is gone, and a live one must finish them. Oldest first.
    /// </summary>
    public async Task<IReadOnlyList<OrphanedTurn>> OrphanedTurnsAsync(int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<OrphanedTurn>(new CommandDefinition(
            """
            SELECT t.id AS turn_id, t.thread_id, t.received_at
            FROM turns t JOIN threads th ON th.id = t.thread_id
            -- Only customer turns: a return to the bot has no customer message, and the agent retries it.
            JOIN messages m ON m.turn_id = t.id AND m.role = 'customer'
            WHERE t.status = 'running' AND (th.lease_until IS NULL OR th.lease_until < now())
            ORDER BY t.received_at LIMIT @limit
            """,
            new { limit }, cancellationToken: ct))).AsList();
    }

    /// <summary>The running turn's customer message, read under the thread's lease; null if the turn is no longer running.</summary>
    public async Task<string?> RunningTurnTextAsync(string turnId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            """
            SELECT m.text FROM turns t JOIN messages m ON m.turn_id = t.id AND m.role = 'customer'
            WHERE t.id = @turnId AND t.status = 'running'
            """,
            new { turnId }, cancellationToken: ct));
    }

    /// <summary>
    /// Inserts one message event and notifies listeners, as the last CTEs of a statement, only when <paramref name="after"/>
    /// produced a row. The statement's final SELECT must read <c>notified</c>: PostgreSQL skips a plain CTE nobody reads.
    /// </summary>
    private static string EventSql(string after, string data) =>
        $"""
        event AS (
            INSERT INTO thread_events (thread_id, type, data) SELECT @threadId, 'message', {data} FROM {after}
            RETURNING id
        ), notified AS (
            SELECT pg_notify(@channel, @threadId) FROM event
        )
        """;

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
