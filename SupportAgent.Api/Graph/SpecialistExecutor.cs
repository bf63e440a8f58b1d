using System.Text.Json;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using SupportAgent.Api.Agents;
using SupportAgent.Api.Models;

namespace SupportAgent.Api.Graph;

/// <summary>
/// A lane's specialist (REFUND, SHIPPING, GENERAL, ORDER_LOOKUP). It asks the agent model for the next step with only
/// its lane's tools declared; function calls go to its tool node, text goes to the customer as it is produced.
/// The chat client never invokes functions itself: the tool node does, audited.
/// </summary>
public sealed class SpecialistExecutor(string laneName, TurnScope scope, GraphServices services) : Executor(laneName)
{
    private readonly string lane = laneName;

    protected override ProtocolBuilder ConfigureProtocol(ProtocolBuilder protocolBuilder)
    {
        protocolBuilder.RouteBuilder
            .AddHandler<LaneTask>((task, context, ct) => StepAsync(context, ct))
            .AddHandler<ToolBatchResult>(HandleToolResultsAsync);
        return protocolBuilder.SendsMessage<ToolBatch>().SendsMessage<EscalationRequest>().YieldsOutput<string>();
    }

    private ValueTask HandleToolResultsAsync(ToolBatchResult result, IWorkflowContext context, CancellationToken ct)
    {
        scope.Scratch.AddRange(result.Calls);
        return StepAsync(context, ct);
    }

    private async ValueTask StepAsync(IWorkflowContext context, CancellationToken ct)
    {
        using var span = GraphTelemetry.StartNode(lane, scope);
        await scope.EmitAsync(new NodeEvent(lane), ct);
        var state = await context.ReadOrInitStateAsync(ConversationState.Key, () => new ConversationState(), Escalation.ConversationScope, ct);
        var options = new ChatOptions
        {
            Tools = [.. await services.Catalog.ForLaneAsync(lane, ct)],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = true,
            Temperature = 0,
            Seed = 7,
        };

        var calls = new List<FunctionCallContent>();
        var text = new System.Text.StringBuilder();
        UsageDetails? usage = null;
        await foreach (var update in services.Agent.GetStreamingResponseAsync(BuildMessages(state), options, ct))
        {
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case FunctionCallContent call:
                        calls.Add(call);
                        break;
                    case UsageContent u:
                        usage = u.Details;
                        break;
                    case TextContent t when !string.IsNullOrEmpty(t.Text):
                        text.Append(t.Text);
                        await scope.WriteReplyAsync(t.Text, ct);
                        break;
                }
            }
        }
        scope.AddUsage(services.Pricing.Price(ModelRoles.Agent, usage).ToTokenUsage());

        if (calls.Count > 0)
        {
            if (scope.ToolCalls + calls.Count > services.Options.MaxToolCallsPerTurn)
            {
                await Escalation.EscalateAsync(context, scope, Escalation.Reasons.ToolLimit,
                    $"more than {services.Options.MaxToolCallsPerTurn} tool calls in one turn", 3, ct);
                return;
            }
            scope.ToolCalls += calls.Count;
            var pending = calls.Select(c => new PendingToolCall(
                c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments ?? new Dictionary<string, object?>()))).ToList();
            await context.SendMessageAsync(new ToolBatch(lane, pending), ct);
            return;
        }

        var reply = text.ToString();
        if (reply.Length == 0)
        {
            reply = "I'm sorry, I couldn't put an answer together. Could you tell me a little more?";
            await scope.WriteReplyAsync(reply, ct);
        }
        if (OutputGuard.Check(reply, scope.Scratch, state) is { } finding)
        {
            span?.SetTag("guard.output", finding.Code);
            services.Logger.LogWarning("Output guard {Code} on thread {ThreadId}", finding.Code, scope.Request.ThreadId);
            var correction = "\n\n" + finding.Correction;
            await scope.WriteReplyAsync(correction, ct);
            reply += correction;
        }
        await context.QueueStateUpdateAsync(ConversationState.Key, state.Remember("assistant", reply), Escalation.ConversationScope, ct);
        await context.YieldOutputAsync(reply, ct);
    }

    /// <summary>System prompt, the bounded history window, then this turn's calls and results.</summary>
    private List<ChatMessage> BuildMessages(ConversationState state)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SpecialistPrompt.For(lane, scope.Request.CustomerId, services.Clock.GetUtcNow())),
        };
        // The open proposal of this lane, so the model (or the offline engine) knows what a yes just confirmed.
        if (state.Proposal is { } proposal && proposal.Lane == lane
            && proposal.Status is Proposals.Statuses.Proposed or Proposals.Statuses.Confirmed or Proposals.Statuses.Declined)
        {
            messages.Add(new ChatMessage(ChatRole.System, Proposals.Format(proposal)));
        }
        foreach (var line in state.History)
        {
            messages.Add(line.Role switch
            {
                "customer" => new ChatMessage(ChatRole.User, line.Text),
                "agent" => new ChatMessage(ChatRole.Assistant, $"[support colleague] {line.Text}"),
                _ => new ChatMessage(ChatRole.Assistant, line.Text),
            });
        }
        foreach (var call in scope.Scratch)
        {
            var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(call.ArgumentsJson) ?? [];
            messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(call.CallId, call.Name, arguments)]));
            messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, JsonDocument.Parse(call.ResultJson).RootElement.Clone())]));
        }
        return messages;
    }
}
