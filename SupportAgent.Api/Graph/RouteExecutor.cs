using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using SupportAgent.Api.Agents.Prompts;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Api.Graph;

/// <summary>
/// ROUTE: the entry node. Applies the input guard and the escalation rules in code, asks the router model for a lane,
/// keeps the thread's lane unless the router clearly sees a new topic, and hands the turn to that lane's specialist.
/// It also receives the human's answer when an agent returns a thread to the bot.
/// </summary>
public sealed class RouteExecutor(TurnScope scope, GraphServices services) : Executor(NodeId)
{
    public const string NodeId = "ROUTE";

    protected override ProtocolBuilder ConfigureProtocol(ProtocolBuilder protocolBuilder)
    {
        protocolBuilder.RouteBuilder
            .AddHandler<CustomerTurn>(HandleTurnAsync)
            .AddHandler<HumanResponse>(HandleHumanResponseAsync);
        return protocolBuilder.SendsMessage<LaneTask>().SendsMessage<EscalationRequest>().YieldsOutput<string>();
    }

    private async ValueTask HandleTurnAsync(CustomerTurn turn, IWorkflowContext context, CancellationToken ct)
    {
        // ROUTE announces itself with the route event (ARCHITECTURE.md §6 order: route, then the nodes it leads to).
        using var span = GraphTelemetry.StartNode(NodeId, scope);
        var state = await ReadStateAsync(context, ct);
        state = (state with { Turns = state.Turns + 1 }).Remember("customer", turn.Text);
        await context.QueueStateUpdateAsync(ConversationState.Key, state, Escalation.ConversationScope, ct);

        var verdict = InputGuard.Check(turn.Text);
        if (verdict.Kind != GuardKind.Ok)
        {
            span?.SetTag("guard.verdict", verdict.Kind.ToString());
            await AnswerDirectlyAsync(context, state, GuardReplies.For(verdict), ct);
            return;
        }

        var (lane, confidence) = await RouteAsync(turn, state, ct);
        scope.Lane = lane;
        span?.SetTag("support.lane", lane);
        span?.SetTag("router.confidence", confidence);
        await scope.EmitAsync(new RouteEvent(lane, confidence), ct);
        await context.QueueStateUpdateAsync(ConversationState.Key, state with { Lane = lane }, Escalation.ConversationScope, ct);

        // An upset customer whose question can be answered gets the answer first (the specialist offers a person);
        // a request for a person, a threat or hazard, or anger that persists after an answer hands over here.
        var previousCustomer = state.History.Where(h => h.Role == "customer").SkipLast(1).LastOrDefault()?.Text;
        var previousReply = state.History.LastOrDefault(h => h.Role == "assistant")?.Text;
        var signal = EscalationSignals.Detect(turn.Text, previousCustomer, previousReply);
        if (signal.ShouldEscalate)
        {
            var upset = signal.Severe || signal.StillUpset;
            var reason = upset ? Escalation.Reasons.Upset : Escalation.Reasons.AskedForPerson;
            await Escalation.EscalateAsync(context, scope, reason, signal.Reason ?? reason, upset ? 1 : 2, ct);
            return;
        }
        await context.SendMessageAsync(new LaneTask(lane, confidence), ct);
    }

    private async Task<(string Lane, double Confidence)> RouteAsync(CustomerTurn turn, ConversationState state, CancellationToken ct)
    {
        var response = await services.Router.GetResponseAsync(RouterPrompt.Messages(turn.Text, state.Lane), RouterPrompt.Options(), ct);
        scope.AddUsage(services.Pricing.Price(Models.ModelRoles.Router, response.Usage).ToTokenUsage());
        var reply = RouterReply.Parse(response.Text);

        var options = services.Options;
        var previousReply = state.History.LastOrDefault(h => h.Role == "assistant")?.Text;
        if (state.Lane is { } current && reply.Lane != current
            && (reply.Confidence < options.TopicChangeConfidence || FollowUps.IsContinuation(turn.Text, previousReply)))
        {
            return (current, reply.Confidence);
        }
        return reply.Confidence < options.MinConfidence && state.Lane is null ? (Lanes.General, reply.Confidence) : (reply.Lane, reply.Confidence);
    }

    private async ValueTask HandleHumanResponseAsync(HumanResponse response, IWorkflowContext context, CancellationToken ct)
    {
        using var span = GraphTelemetry.StartNode(NodeId, scope);
        var state = await ReadStateAsync(context, ct);
        scope.Lane = state.Lane ?? Lanes.General;
        state = state.Remember("agent", $"(note from {response.AgentId}) {response.Note}");
        await AnswerDirectlyAsync(context, state,
            "You're back with the assistant. Is there anything else I can help you with?", ct);
    }

    private async ValueTask AnswerDirectlyAsync(IWorkflowContext context, ConversationState state, string text, CancellationToken ct)
    {
        await scope.WriteReplyAsync(text, ct);
        await context.QueueStateUpdateAsync(ConversationState.Key, state.Remember("assistant", text), Escalation.ConversationScope, ct);
        await context.YieldOutputAsync(text, ct);
    }

    private static ValueTask<ConversationState> ReadStateAsync(IWorkflowContext context, CancellationToken ct) =>
        context.ReadOrInitStateAsync(ConversationState.Key, () => new ConversationState(), Escalation.ConversationScope, ct);
}
