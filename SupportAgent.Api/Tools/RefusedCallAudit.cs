using System.Text.Json;
using Dapper;
using Npgsql;

namespace SupportAgent.Api.Tools;

/// <summary>
/// Records a money call the graph refused (no matching confirmed proposal) in the ToolsService's audit table
/// (docs/CONTRACTS.md, "Audit table"), completed with outcome <c>refused</c>: the call never reaches the ToolsService,
/// so no configuration there can let it move money, and the audit still shows what the model tried.
/// </summary>
public sealed class RefusedCallAudit(NpgsqlDataSource db, ILogger<RefusedCallAudit> logger)
{
    public async Task RecordAsync(ToolCallContext call, string tool, string argumentsJson, ToolResult result, CancellationToken ct)
    {
        try
        {
            await using var c = await db.OpenConnectionAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO tool_calls (thread_id, turn_id, call_id, node, tool, customer_id, arguments, status, result, outcome,
                                        duration_ms, completed_at)
                VALUES (@ThreadId, @TurnId, @CallId, @Node, @tool, @CustomerId, @arguments::jsonb, 'completed', @result::json,
                        @outcome, 0, now())
                ON CONFLICT (thread_id, call_id) DO NOTHING
                """,
                new
                {
                    call.ThreadId, call.TurnId, CallId = call.AuditCallId, call.Node, tool, call.CustomerId,
                    arguments = ArgumentsObject(argumentsJson), result = JsonSerializer.Serialize(result), outcome = result.Outcome,
                },
                cancellationToken: ct));
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The refusal itself stands: an audit outage must not turn a refused money call into a failed turn.
            logger.LogError(ex, "Could not audit the refused {Tool} call {CallId} of thread {ThreadId}", tool, call.CallId, call.ThreadId);
        }
    }

    private static string ArgumentsObject(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? json : "{}";
        }
        catch (JsonException)
        {
            return "{}";
        }
    }
}
