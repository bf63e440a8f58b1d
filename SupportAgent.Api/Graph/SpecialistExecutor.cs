using System.Text;
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
/// What real providers do is handled here (docs/ARCHITECTURE.md §3, "Real providers"): reasoning is never shown,
/// tool call ids are made unique in the turn, unreadable arguments go back to the model, text written before tool
/// calls is checked and kept, an empty answer is asked again once, and a provider that keeps failing or filters the
/// conversation hands it to a person instead of failing the turn.
/// </summary>
public sealed class SpecialistExecutor(string laneName, TurnScope scope, GraphServices services) : Executor(laneName)
{
    private readonly string lane = laneName;

    protected override ProtocolBuilder ConfigureProtocol(ProtocolBuilder protocolBuilder)
    {
        protocolBuilder.RouteBuilder
            .AddHandler<LaneTask>((task, context, ct) =>
            {
                scope.Focus = task.Focus;
                // ROUTE's reads are the first exchange of the turn, as if this specialist had asked for them: the model
                // (or the offline engine) answers from them instead of asking again.
                if (task.Prefetched is { } prefetched) scope.Scratch.AddRange(prefetched);
                return StepAsync(context, ct);
            })
            .AddHandler<ToolBatchResult>(HandleToolResultsAsync);
        return protocolBuilder.SendsMessage<ToolBatch>().SendsMessage<EscalationRequest>().SendsMessage<NextRequest>()
            .YieldsOutput<string>();
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
        var step = ++scope.ModelSteps;
        // Sampling and token limits come from configuration (Models:Agent), unset by default: reasoning models reject them.
        var options = new ChatOptions
        {
            Tools = [.. await services.Catalog.ForLaneAsync(lane, ct)],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = true,
        };
        var messages = BuildMessages(state);

        // An answer with nothing in it (no choices, no text, no calls) is a failed call: asked once more, then a person.
        var answer = await AskModelAsync(messages, options, ct);
        if (answer.IsEmpty)
        {
            services.Logger.LogWarning("The agent model answered nothing on thread {ThreadId}; asking again", scope.Request.ThreadId);
            answer = await AskModelAsync(messages, options, ct);
        }

        if (answer.Failure is { } failure || answer.IsEmpty || answer.FinishReason == ChatFinishReason.ContentFilter)
        {
            var reason = answer.FinishReason == ChatFinishReason.ContentFilter || IsContentFilter(answer.Failure)
                ? Escalation.Reasons.ContentFiltered
                : Escalation.Reasons.ModelUnavailable;
            span?.SetTag("model.failure", reason);
            await Escalation.EscalateAsync(context, scope, reason, FailureDetail(answer), 2, ct);
            return;
        }

        if (answer.Calls.Count > 0)
        {
            if (scope.ToolCalls + answer.Calls.Count > services.Options.MaxToolCallsPerTurn)
            {
                await Escalation.EscalateAsync(context, scope, Escalation.Reasons.ToolLimit,
                    $"more than {services.Options.MaxToolCallsPerTurn} tool calls in one turn", 3, ct);
                return;
            }
            scope.ToolCalls += answer.Calls.Count;
            var pending = answer.Calls.Select((c, i) => Pending(step, i, c)).ToList();
            if (answer.Text.Length > 0) scope.TextBeforeCalls[pending[0].CallId] = answer.Text;
            await context.SendMessageAsync(new ToolBatch(lane, pending), ct);
            return;
        }

        // The whole text the customer saw for this request, including what the model wrote before its tool calls, is
        // checked and remembered, not only the last step's (of several requests, each answer is its own).
        var reply = scope.RequestReply;
        if (OutputGuard.Check(reply, scope.Scratch, state) is { } finding)
        {
            span?.SetTag("guard.output", finding.Code);
            services.Logger.LogWarning("Output guard {Code} on thread {ThreadId}", finding.Code, scope.Request.ThreadId);
            var correction = "\n\n" + finding.Correction;
            await scope.WriteReplyAsync(correction, ct);
            reply += correction;
        }
        // Other requests of the customer's message wait behind this one: served now when this answer is complete, or
        // named as coming next when it asks the customer something (a yes to a proposal, which order).
        var served = state.Queue.Count > 0 && !QueuedRequests.Waits(reply, state.Proposal, lane);
        if (state.Queue.Count > 0 && !served)
        {
            var note = "\n\n" + QueuedRequests.Note(state.Queue);
            await scope.WriteReplyAsync(note, ct);
            reply += note;
        }
        await context.QueueStateUpdateAsync(ConversationState.Key, state.Remember("assistant", reply), Escalation.ConversationScope, ct);
        await context.YieldOutputAsync(reply, ct);
        if (served) await context.SendMessageAsync(new NextRequest(lane), ct);
    }

    /// <summary>What one model call produced. It never throws for the provider's sake: a failure is in <see cref="Failure"/>.</summary>
    private sealed record ModelAnswer(string Text, IReadOnlyList<FunctionCallContent> Calls, ChatFinishReason? FinishReason, Exception? Failure)
    {
        public bool IsEmpty => Failure is null && Text.Length == 0 && Calls.Count == 0 && FinishReason != ChatFinishReason.ContentFilter;
    }

    private async Task<ModelAnswer> AskModelAsync(List<ChatMessage> messages, ChatOptions options, CancellationToken ct)
    {
        var calls = new List<FunctionCallContent>();
        var text = new StringBuilder();
        var think = new ThinkTagFilter();
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        Exception? failure = null;
        var model = services.AgentModel;
        // Until the answer starts, the resilience handler's attempts and waits; after that, no gap between two chunks
        // may exceed one attempt's timeout (a stream that stalls half-way is a failed call like one that never starts).
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(model.RequestBudget);
        try
        {
            await foreach (var update in services.Agent.GetStreamingResponseAsync(messages, options, idle.Token))
            {
                idle.CancelAfter(model.AttemptTimeout);
                finish = update.FinishReason ?? finish;
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
                            await SayAsync(think.Push(t.Text), text, ct);
                            break;
                        // TextReasoningContent (reasoning_content, reasoning deltas) and refusals are never shown.
                    }
                }
            }
            await SayAsync(think.Flush(), text, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Retries are behind us (Models/ModelResilience): the step fails, the turn does not.
            services.Logger.LogWarning(ex, "The agent model failed on thread {ThreadId}", scope.Request.ThreadId);
            failure = ex;
        }
        scope.AddUsage(services.Pricing.Price(ModelRoles.Agent, usage, messages, text.ToString()).ToTokenUsage());
        return new ModelAnswer(text.ToString(), calls, finish, failure);
    }

    /// <summary>Streams a piece of the answer; a step's first words are set apart from what earlier steps wrote.</summary>
    private async ValueTask SayAsync(string piece, StringBuilder stepText, CancellationToken ct)
    {
        if (piece.Length == 0) return;
        if (stepText.Length == 0 && scope.Reply is { Length: > 0 } before && !char.IsWhiteSpace(before[^1]))
            await scope.WriteReplyAsync("\n\n", ct);
        stepText.Append(piece);
        await scope.WriteReplyAsync(piece, ct);
    }

    private static PendingToolCall Pending(int step, int index, FunctionCallContent call)
    {
        var id = ToolCallIds.For(step, index, call.CallId);
        // Arguments that were not a JSON object: M.E.AI keeps the parse error on the call instead of throwing.
        if (call.Exception is { } error)
            return new PendingToolCall(id, call.Name, "{}", $"The arguments were not a valid JSON object ({error.Message}).");
        return new PendingToolCall(id, call.Name, JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>()));
    }

    /// <summary>Azure refuses a prompt its filter flags with a 400 whose error code is content_filter.</summary>
    private static bool IsContentFilter(Exception? failure) =>
        failure is System.ClientModel.ClientResultException { Status: 400 } e
        && (e.Message.Contains("content_filter", StringComparison.OrdinalIgnoreCase)
            || e.GetRawResponse()?.Content?.ToString().Contains("content_filter", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>For the person taking over (never shown to the customer): what went wrong, without the provider's text.</summary>
    private static string FailureDetail(ModelAnswer answer) => answer switch
    {
        { Failure: System.ClientModel.ClientResultException e } => $"The agent model answered HTTP {e.Status}.",
        { Failure: { } e } => $"The agent model could not be reached ({e.GetType().Name}).",
        { FinishReason: var f } when f == ChatFinishReason.ContentFilter => "The model provider's content filter stopped the answer.",
        _ => "The agent model answered nothing twice.",
    };

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
        if (scope.Focus is { } focus) messages.Add(new ChatMessage(ChatRole.System, FocusTag.Format(focus)));
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
            List<AIContent> contents = scope.TextBeforeCalls.TryGetValue(call.CallId, out var said) ? [new TextContent(said)] : [];
            contents.Add(new FunctionCallContent(call.CallId, call.Name, arguments));
            messages.Add(new ChatMessage(ChatRole.Assistant, contents));
            messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, JsonDocument.Parse(call.ResultJson).RootElement.Clone())]));
        }
        return messages;
    }
}
