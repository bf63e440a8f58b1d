using System.Diagnostics;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Graph;

/// <summary>
/// One tool call through the ToolsService from a node of the graph, with its span: the single way the tool nodes and
/// ROUTE's reads (Prefetch) execute a call. The ToolsService audits it under <see cref="ToolCallContext.Node"/>.
/// </summary>
public static class ToolExecution
{
    public static async Task<ToolResult> RunAsync(GraphServices services, TurnScope scope, ToolCallContext call, string tool,
        string argumentsJson, CancellationToken ct)
    {
        using var span = GraphTelemetry.StartToolCall(tool, call.CallId, scope);
        var started = Stopwatch.GetTimestamp();
        span?.SetTag("graph.node", call.Node);
        if (call.ProposalId is not null) span?.SetTag("tool.proposal_id", call.ProposalId);
        var result = await services.Tools.CallAsync(call, tool, argumentsJson, ct);
        span?.SetTag("tool.outcome", result.Outcome);
        span?.SetTag("tool.duration_ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (result.IdempotencyKey is not null) span?.SetTag("tool.idempotency_key", result.IdempotencyKey);
        if (result.Outcome == ToolOutcomes.Error) span?.SetStatus(ActivityStatusCode.Error, result.Message);
        return result;
    }
}
