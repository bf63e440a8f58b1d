using System.Text.Json;
using Dapper;
using Npgsql;

namespace SupportAgent.Api.Streaming;

public sealed record ThreadEvent(long Id, string Type, string Data);

/// <summary>
/// The durable event log behind <c>GET /api/threads/{id}/events</c>. Appending also sends a PostgreSQL NOTIFY so
/// every Api replica wakes its listeners; the ids make the stream resumable with <c>Last-Event-ID</c>.
/// </summary>
public sealed class ThreadEventStore(NpgsqlDataSource db)
{
    public const string Channel = "thread_events";

    public async Task<long> AppendAsync(string threadId, string type, object data, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<long>(new CommandDefinition(
            """
            WITH e AS (INSERT INTO thread_events (thread_id, type, data) VALUES (@threadId, @type, @data::jsonb) RETURNING id)
            SELECT e.id FROM e, pg_notify(@channel, @threadId) n
            """,
            new { threadId, type, data = JsonSerializer.Serialize(data, JsonSerializerOptions.Web), channel = Channel },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ThreadEvent>> ReadAfterAsync(string threadId, long afterId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ThreadEvent>(new CommandDefinition(
            "SELECT id, type, data::text AS data FROM thread_events WHERE thread_id = @threadId AND id > @afterId ORDER BY id LIMIT 500",
            new { threadId, afterId }, cancellationToken: ct))).AsList();
    }
}
