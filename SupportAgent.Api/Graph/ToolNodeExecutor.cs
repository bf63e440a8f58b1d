using System.Text.Json;
using Microsoft.Agents.AI.Workflows;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Graph;

/// <summary>
/// A lane's tool node (REFUND_TOOLS, ...). It executes the specialist's function calls through the ToolsService,
/// refuses any tool outside its lane whatever the model asked, records proposals, lets a money tool run only on the
/// confirmed proposal it matches (docs/CONTRACTS.md, "Proposals"), and applies the escalation rules that depend on tool
/// outcomes: an action that needs approval, an explicit escalate_to_human, tools failing repeatedly. It also executes
/// the action a person approved at the HUMAN port, exactly once.
/// </summary>
public sealed class ToolNodeExecutor(string laneName, TurnScope scope, GraphServices services) : Executor(IdOf(laneName))
{
    private const string EscalateTool = "escalate_to_human";

    /// <summary>Tool calls with unreadable arguments in one turn: the first goes back to the model, the second hands over.</summary>
    private const int MaxInvalidToolCallsPerTurn = 2;
    private readonly string lane = laneName;

    public static string IdOf(string lane) => $"{lane}_TOOLS";

    protected override ProtocolBuilder ConfigureProtocol(ProtocolBuilder protocolBuilder)
    {
        protocolBuilder.RouteBuilder
            .AddHandler<ToolBatch>(HandleAsync)
            .AddHandler<ApprovedAction>(HandleApprovedAsync);
        return protocolBuilder.SendsMessage<ToolBatchResult>().SendsMessage<EscalationRequest>();
    }

    private async ValueTask HandleAsync(ToolBatch batch, IWorkflowContext context, CancellationToken ct)
    {
        var node = IdOf(lane);
        using var span = GraphTelemetry.StartNode(node, scope);
        await scope.EmitAsync(new NodeEvent(node), ct);
        var allowed = Lanes.ToolsOf(lane);
        var state = await ReadStateAsync(context, ct);
        var proposal = state.Proposal;
        var completed = new List<CompletedToolCall>();
        (string Reason, string Detail, int Priority)? escalation = null;
        // Escalation wins over money: a batch that hands over moves no money, whatever else it asks for.
        var handsOver = batch.Calls.Any(c => c.Name == EscalateTool && allowed.Contains(c.Name) && c.ArgumentsError is null);
        var moneyCalls = 0;

        foreach (var call in batch.Calls)
        {
            var arguments = ParseArguments(call.ArgumentsJson);
            await scope.EmitAsync(new ToolCallEvent(call.CallId, call.Name, arguments), ct);
            ToolResult result;
            if (call.ArgumentsError is { } unreadable)
            {
                // Nothing runs on arguments the model did not manage to write: it is told why and may try once more.
                scope.InvalidToolCalls++;
                result = new ToolResult(ToolOutcomes.Error,
                    $"Not executed: {unreadable} Call {call.Name} again with its arguments as one JSON object.",
                    JsonSerializer.SerializeToElement(new { code = "invalid_arguments" }));
                if (scope.InvalidToolCalls >= MaxInvalidToolCallsPerTurn)
                    escalation ??= (Escalation.Reasons.InvalidToolArguments, $"{scope.InvalidToolCalls} tool calls with unreadable arguments", 3);
            }
            else if (!allowed.Contains(call.Name))
            {
                result = new ToolResult(ToolOutcomes.Refused, $"The {call.Name} tool is not available for this kind of request.");
            }
            else if (Proposals.IsPropose(call.Name))
            {
                (result, proposal) = Propose(call, arguments, proposal);
            }
            else if (Proposals.IsMoney(call.Name))
            {
                var refusal = handsOver ? "Not executed: the conversation is being handed to a person, who will decide."
                    : moneyCalls > 0 ? "Not executed: one refund or reship per step. Report this result, then continue."
                    : proposal is not { Status: Proposals.Statuses.Confirmed } || !Proposals.Matches(proposal, call.Name, arguments)
                        ? "No confirmed proposal: propose first (propose_refund or propose_reship) and ask the customer; execute only the exact proposal they said yes to, in a later message."
                        : null;
                if (refusal is not null)
                {
                    result = await RefuseAsync(node, call, refusal, ct);
                }
                else
                {
                    moneyCalls++;
                    result = await ExecuteAsync(node, call, proposal!, ct);
                    proposal = After(proposal!, result);
                    if (result.Outcome == ToolOutcomes.NeedsApproval) escalation ??= (Escalation.Reasons.AboveCap, result.Message, 2);
                }
            }
            else
            {
                result = await ExecuteAsync(node, call, null, ct);
            }
            await scope.EmitAsync(new ToolResultEvent(call.CallId, call.Name, result.Outcome, result.Message), ct);
            completed.Add(new CompletedToolCall(call.CallId, call.Name, call.ArgumentsJson, result.Outcome, JsonSerializer.Serialize(result)));

            if (result.Outcome == ToolOutcomes.Error && call.ArgumentsError is null) scope.ToolFailures++;
            escalation ??= result.Outcome switch
            {
                ToolOutcomes.Escalated => (Escalation.Reasons.AgentRequested, ReasonArgument(arguments) ?? result.Message, 2),
                ToolOutcomes.Error when scope.ToolFailures >= services.Options.MaxToolFailuresPerTurn =>
                    (Escalation.Reasons.ToolFailures, $"{scope.ToolFailures} tool failures: {result.Message}", 2),
                _ => null,
            };
        }

        if (proposal != state.Proposal)
            await context.QueueStateUpdateAsync(ConversationState.Key, state with { Proposal = proposal }, Escalation.ConversationScope, ct);
        if (escalation is { } e)
        {
            // The specialist will not see these results: keep them for the handoff's summary.
            scope.Scratch.AddRange(completed);
            var awaiting = proposal is { Status: Proposals.Statuses.AwaitingApproval } ? proposal : null;
            await Escalation.EscalateAsync(context, scope, e.Reason, e.Detail, e.Priority, ct, awaiting);
            return;
        }
        await context.SendMessageAsync(new ToolBatchResult(lane, completed), ct);
    }

    /// <summary>
    /// Executes what a person approved at the HUMAN port. The call id is the proposal's, so the approval turn run
    /// again after a crash replays the recorded result instead of paying twice; the tools token carries approved_by.
    /// </summary>
    private async ValueTask HandleApprovedAsync(ApprovedAction action, IWorkflowContext context, CancellationToken ct)
    {
        var node = IdOf(lane);
        using var span = GraphTelemetry.StartNode(node, scope);
        await scope.EmitAsync(new NodeEvent(node), ct);
        var state = await ReadStateAsync(context, ct);
        var proposal = action.Proposal;
        var arguments = Proposals.ExecutionArguments(proposal);
        var call = new PendingToolCall($"approved_{proposal.Id}", Proposals.ExecutingTool(proposal.Kind), JsonSerializer.Serialize(arguments));
        await scope.EmitAsync(new ToolCallEvent(call.CallId, call.Name, arguments), ct);
        var result = await ExecuteAsync(node, call, proposal, ct);
        await scope.EmitAsync(new ToolResultEvent(call.CallId, call.Name, result.Outcome, result.Message), ct);
        var completed = new CompletedToolCall(call.CallId, call.Name, call.ArgumentsJson, result.Outcome, JsonSerializer.Serialize(result));

        proposal = After(proposal, result);
        await context.QueueStateUpdateAsync(ConversationState.Key, state with { Proposal = proposal }, Escalation.ConversationScope, ct);
        if (result.Outcome is ToolOutcomes.NeedsApproval or ToolOutcomes.Error)
        {
            // The approval could not be carried out: the case goes back to a person, still awaiting a decision.
            scope.Scratch.Add(completed);
            var awaiting = proposal with { Status = Proposals.Statuses.AwaitingApproval, ApprovedBy = null };
            var reason = result.Outcome == ToolOutcomes.Error ? Escalation.Reasons.ToolFailures : Escalation.Reasons.AboveCap;
            await Escalation.EscalateAsync(context, scope, reason, $"Approved {call.Name} did not complete: {result.Message}", 2, ct, awaiting);
            return;
        }
        await context.SendMessageAsync(new ToolBatchResult(lane, [completed]), ct);
    }

    /// <summary>Records a proposal in the thread's state; the previous one, if any, is superseded.</summary>
    private static (ToolResult, Proposal?) Propose(PendingToolCall call, Dictionary<string, object?> arguments, Proposal? current)
    {
        var (proposal, error) = Proposals.FromCall(call.Name, arguments, LaneOf(call.Name));
        if (proposal is null)
        {
            var data = JsonSerializer.SerializeToElement(new { code = "invalid_arguments" });
            return (new ToolResult(ToolOutcomes.Error, error!, data), current);
        }
        var recorded = JsonSerializer.SerializeToElement(new
        {
            proposalId = proposal.Id, kind = proposal.Kind, orderId = proposal.OrderId, amount = proposal.Amount,
            reason = proposal.Reason, status = proposal.Status,
        }, JsonSerializerOptions.Web);
        return (new ToolResult(ToolOutcomes.Ok, $"Proposal recorded; ask the customer to confirm: {Proposals.Question(proposal)}", recorded), proposal);
    }

    private static string LaneOf(string proposeTool) => proposeTool == Proposals.ProposeRefund ? Lanes.Refund : Lanes.Shipping;

    /// <summary>The proposal once its money call answered.</summary>
    private static Proposal After(Proposal proposal, ToolResult result) => result.Outcome switch
    {
        ToolOutcomes.Ok => proposal.With(Proposals.Statuses.Executed),
        ToolOutcomes.NeedsApproval => proposal.With(Proposals.Statuses.AwaitingApproval) with { Policy = PolicyOf(result) },
        // A failure leaves the proposal to confirm again: the same id means the same provider key, so a retry pays once.
        ToolOutcomes.Error => proposal.With(Proposals.Statuses.Proposed),
        _ => proposal.With(Proposals.Statuses.Declined),
    };

    /// <summary>Why policy needs a person (above_cap, daily_ceiling, second_reship); older ToolsServices only say the cap.</summary>
    private static string PolicyOf(ToolResult result) =>
        result.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("policy", out var policy)
            && policy.ValueKind == JsonValueKind.String
            ? policy.GetString()!
            : "above_cap";

    private async Task<ToolResult> RefuseAsync(string node, PendingToolCall call, string message, CancellationToken ct)
    {
        var result = new ToolResult(ToolOutcomes.Refused, message, JsonSerializer.SerializeToElement(new { code = "no_confirmed_proposal" }));
        services.Logger.LogWarning("Refused {Tool} without a confirmed proposal on thread {ThreadId}", call.Name, scope.Request.ThreadId);
        await services.RefusedCalls.RecordAsync(Context(node, call, null), call.Name, call.ArgumentsJson, result, ct);
        return result;
    }

    private Task<ToolResult> ExecuteAsync(string node, PendingToolCall call, Proposal? proposal, CancellationToken ct) =>
        ToolExecution.RunAsync(services, scope, Context(node, call, proposal), call.Name, call.ArgumentsJson, ct);

    private ToolCallContext Context(string node, PendingToolCall call, Proposal? proposal) =>
        new(scope.Request.CustomerId, scope.Request.ThreadId, scope.Request.TurnId, call.CallId, node, proposal?.Id, proposal?.ApprovedBy);

    private static Dictionary<string, object?> ParseArguments(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, object?>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static ValueTask<ConversationState> ReadStateAsync(IWorkflowContext context, CancellationToken ct) =>
        context.ReadOrInitStateAsync(ConversationState.Key, () => new ConversationState(), Escalation.ConversationScope, ct);

    private static string? ReasonArgument(Dictionary<string, object?> arguments) =>
        arguments.TryGetValue("reason", out var reason) ? reason?.ToString() : null;
}
