using System.Diagnostics;
using System.Text.Json;
using Microsoft.Agents.AI.Workflows;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Graph;

/// <summary>
/// A lane's tool node (REFUND_TOOLS, ...). It executes the specialist's function calls through the ToolsService,
/// refuses any tool outside its lane whatever the model asked, and applies the escalation rules that depend on tool
/// outcomes: a refund that needs approval, an explicit escalate_to_human, tools failing repeatedly.
/// </summary>
public sealed class ToolNodeExecutor(string laneName, TurnScope scope, GraphServices services) : Executor(IdOf(laneName))
{
    private readonly string lane = laneName;

    public static string IdOf(string lane) => $"{lane}_TOOLS";

    protected override ProtocolBuilder ConfigureProtocol(ProtocolBuilder protocolBuilder)
    {
        protocolBuilder.RouteBuilder.AddHandler<ToolBatch>(HandleAsync);
        return protocolBuilder.SendsMessage<ToolBatchResult>().SendsMessage<EscalationRequest>();
    }

    private async ValueTask HandleAsync(ToolBatch batch, IWorkflowContext context, CancellationToken ct)
    {
        var node = IdOf(lane);
        using var span = GraphTelemetry.StartNode(node, scope);
        await scope.EmitAsync(new NodeEvent(node), ct);
        var allowed = Lanes.ToolsOf(lane);
        var completed = new List<CompletedToolCall>();
        (string Reason, string Detail, int Priority)? escalation = null;

        foreach (var call in batch.Calls)
        {
            var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(call.ArgumentsJson) ?? [];
            await scope.EmitAsync(new ToolCallEvent(call.CallId, call.Name, arguments), ct);
            var result = allowed.Contains(call.Name)
                ? await ExecuteAsync(node, call, ct)
                : new ToolResult(ToolOutcomes.Refused, $"The {call.Name} tool is not available for this kind of request.");
            await scope.EmitAsync(new ToolResultEvent(call.CallId, call.Name, result.Outcome, result.Message), ct);
            completed.Add(new CompletedToolCall(call.CallId, call.Name, call.ArgumentsJson, result.Outcome,
                JsonSerializer.Serialize(result)));

            if (result.Outcome == ToolOutcomes.Error) scope.ToolFailures++;
            escalation ??= result.Outcome switch
            {
                ToolOutcomes.NeedsApproval => (Escalation.Reasons.AboveCap, result.Message, 2),
                ToolOutcomes.Escalated => (Escalation.Reasons.AgentRequested, ReasonArgument(arguments) ?? result.Message, 2),
                ToolOutcomes.Error when scope.ToolFailures >= services.Options.MaxToolFailuresPerTurn =>
                    (Escalation.Reasons.ToolFailures, $"{scope.ToolFailures} tool failures: {result.Message}", 2),
                _ => null,
            };
        }

        if (escalation is { } e)
        {
            // The specialist will not see these results: keep them for the handoff's summary.
            scope.Scratch.AddRange(completed);
            await Escalation.EscalateAsync(context, scope, e.Reason, e.Detail, e.Priority, ct);
            return;
        }
        await context.SendMessageAsync(new ToolBatchResult(lane, completed), ct);
    }

    private async Task<ToolResult> ExecuteAsync(string node, PendingToolCall call, CancellationToken ct)
    {
        using var span = GraphTelemetry.StartToolCall(call.Name, call.CallId, scope);
        var started = Stopwatch.GetTimestamp();
        var result = await services.Tools.CallAsync(
            new ToolCallContext(scope.Request.CustomerId, scope.Request.ThreadId, scope.Request.TurnId, call.CallId, node),
            call.Name, call.ArgumentsJson, ct);
        span?.SetTag("tool.outcome", result.Outcome);
        span?.SetTag("tool.duration_ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (result.IdempotencyKey is not null) span?.SetTag("tool.idempotency_key", result.IdempotencyKey);
        if (result.Outcome == ToolOutcomes.Error) span?.SetStatus(ActivityStatusCode.Error, result.Message);
        return result;
    }

    private static string? ReasonArgument(Dictionary<string, object?> arguments) =>
        arguments.TryGetValue("reason", out var reason) ? reason?.ToString() : null;
}
