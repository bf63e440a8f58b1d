using System.Text.Json;
using Dapper;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Agents.AI.Workflows.Checkpointing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportAgent.Api.Persistence;

/// <summary>
/// Agent Framework's checkpoint store over the <c>workflow_checkpoints</c> table: one row per super-step, keyed by
/// the workflow session (the thread id). Older checkpoints of a session beyond <see cref="CheckpointOptions.KeepPerThread"/>
/// are pruned as new ones arrive, so the table grows with threads, not with turns; the one the thread points at
/// (<c>threads.checkpoint_id</c>) is always kept.
/// </summary>
public sealed class PostgresCheckpointStore(NpgsqlDataSource db, IOptions<CheckpointOptions> options) : JsonCheckpointStore
{
    public override async ValueTask<CheckpointInfo> CreateCheckpointAsync(string sessionId, JsonElement value, CheckpointInfo? parent = null)
    {
        var checkpoint = new CheckpointInfo(sessionId, Guid.NewGuid().ToString("n"));
        var json = value.GetRawText();
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO workflow_checkpoints (session_id, checkpoint_id, parent_id, data, size_bytes)
            VALUES (@SessionId, @CheckpointId, @ParentId, @Data::json, @Size);
            DELETE FROM workflow_checkpoints
            WHERE session_id = @SessionId
              AND seq < (SELECT min(seq) FROM (SELECT seq FROM workflow_checkpoints WHERE session_id = @SessionId
                                               ORDER BY seq DESC LIMIT @Keep) newest)
              -- Never the checkpoint the thread resumes from: a turn cut off after many super-steps runs again from it.
              AND checkpoint_id IS DISTINCT FROM (SELECT checkpoint_id FROM threads WHERE id = @SessionId);
            """,
            new
            {
                checkpoint.SessionId,
                checkpoint.CheckpointId,
                ParentId = parent?.CheckpointId,
                Data = json,
                Size = System.Text.Encoding.UTF8.GetByteCount(json),
                Keep = options.Value.KeepPerThread,
            });
        return checkpoint;
    }

    public override async ValueTask<JsonElement> RetrieveCheckpointAsync(string sessionId, CheckpointInfo key)
    {
        await using var connection = await db.OpenConnectionAsync();
        var json = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT data::text FROM workflow_checkpoints WHERE session_id = @sessionId AND checkpoint_id = @id",
            new { sessionId, id = key.CheckpointId })
            ?? throw new KeyNotFoundException($"Checkpoint {key.CheckpointId} of {sessionId} does not exist.");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Oldest first: the checkpoint manager treats the last entry as the latest.</summary>
    public override async ValueTask<IEnumerable<CheckpointInfo>> RetrieveIndexAsync(string sessionId, CheckpointInfo? withParent = null)
    {
        await using var connection = await db.OpenConnectionAsync();
        var ids = await connection.QueryAsync<string>(
            """
            SELECT checkpoint_id FROM workflow_checkpoints
            WHERE session_id = @sessionId AND (@parent::text IS NULL OR parent_id = @parent)
            ORDER BY seq
            """,
            new { sessionId, parent = withParent?.CheckpointId });
        return ids.Select(id => new CheckpointInfo(sessionId, id)).ToList();
    }

    /// <summary>The newest checkpoint of a thread in one indexed query (the manager's own lookup lists the index).</summary>
    public async Task<CheckpointInfo?> LatestAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT checkpoint_id FROM workflow_checkpoints WHERE session_id = @sessionId ORDER BY seq DESC LIMIT 1",
            new { sessionId }, cancellationToken: cancellationToken));
        return id is null ? null : new CheckpointInfo(sessionId, id);
    }
}

public sealed class CheckpointOptions
{
    /// <summary>Checkpoints kept per thread: enough to inspect the last turns, bounded so storage does not grow per turn.</summary>
    public int KeepPerThread { get; set; } = 40;
}
