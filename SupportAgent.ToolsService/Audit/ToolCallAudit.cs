using System.Diagnostics;
using Dapper;
using Npgsql;

namespace SupportAgent.ToolsService.Audit;

public sealed record ToolCallRecord(
    string ThreadId, string? TurnId, string CallId, string? Node, string Tool, string CustomerId, string ArgumentsJson,
    string? ProposalId = null, string? ApprovedBy = null);

internal sealed record ExistingToolCallRow(long Id, string Tool, string CustomerId, bool SameArguments, string Status, string? Result);

/// <summary>What the audit says to do with a call: run it (new, or pending after a crash), replay it, or reject it.</summary>
public abstract record AuditStart
{
    public sealed record Execute(long Id, int Attempt) : AuditStart;

    public sealed record Replay(string ResultJson) : AuditStart;

    /// <summary>The (thread, call id) pair was used for another tool, customer or arguments.</summary>
    public sealed record Mismatch : AuditStart;
}

/// <summary>
/// The <c>tool_calls</c> table: a row is written before a tool executes and completed after, keyed by
/// (thread id, tool call id), which is how a replayed workflow step gets the recorded result instead of a second effect.
/// </summary>
public sealed class ToolCallAudit(NpgsqlDataSource db)
{
    public async Task<AuditStart> StartAsync(ToolCallRecord call, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var id = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            INSERT INTO tool_calls (thread_id, turn_id, call_id, node, tool, customer_id, arguments, trace_id, proposal_id, approved_by)
            VALUES (@ThreadId, @TurnId, @CallId, @Node, @Tool, @CustomerId, @ArgumentsJson::jsonb, @TraceId, @ProposalId, @ApprovedBy)
            ON CONFLICT (thread_id, call_id) DO NOTHING
            RETURNING id
            """, new
            {
                call.ThreadId, call.TurnId, call.CallId, call.Node, call.Tool, call.CustomerId, call.ArgumentsJson, TraceId = CurrentTraceId(),
                call.ProposalId, call.ApprovedBy,
            },
            cancellationToken: ct));
        if (id is { } newId)
        {
            return new AuditStart.Execute(newId, 1);
        }

        var existing = await connection.QuerySingleAsync<ExistingToolCallRow>(new CommandDefinition("""
            SELECT id AS Id, tool AS Tool, customer_id AS CustomerId, arguments = @ArgumentsJson::jsonb AS SameArguments,
                   status AS Status, result::text AS Result
            FROM tool_calls WHERE thread_id = @ThreadId AND call_id = @CallId
            """, call, cancellationToken: ct));
        if (existing.Tool != call.Tool || existing.CustomerId != call.CustomerId || !existing.SameArguments)
        {
            return new AuditStart.Mismatch();
        }
        if (existing.Status == "completed" && existing.Result is { } result)
        {
            return new AuditStart.Replay(result);
        }
        // Pending: the first attempt crashed or is still running. Running again is safe because every effect is
        // idempotent at its provider; the attempt count shows it happened.
        var attempt = await connection.QuerySingleAsync<int>(new CommandDefinition(
            "UPDATE tool_calls SET attempts = attempts + 1 WHERE id = @Id RETURNING attempts", new { existing.Id }, cancellationToken: ct));
        return new AuditStart.Execute(existing.Id, attempt);
    }

    /// <summary>The first completion wins, so a concurrent duplicate never overwrites the result already recorded.</summary>
    public async Task CompleteAsync(long id, string outcome, string resultJson, string? idempotencyKey, long durationMs, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE tool_calls
            SET status = 'completed', outcome = @outcome, result = @resultJson::json, idempotency_key = @idempotencyKey,
                duration_ms = @durationMs, completed_at = now()
            WHERE id = @id AND status = 'pending'
            """, new { id, outcome, resultJson, idempotencyKey, durationMs = (int)Math.Min(durationMs, int.MaxValue) }, cancellationToken: ct));
    }

    // ASP.NET Core's instrumentation continues the Api's trace here, so the audit row carries the customer turn's trace.
    private static string? CurrentTraceId() => Activity.Current?.TraceId.ToHexString();
}
