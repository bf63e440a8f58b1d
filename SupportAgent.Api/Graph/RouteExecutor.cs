using System.Diagnostics;
using Microsoft.Agents.AI.Workflows;
using SupportAgent.Api.Models;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Api.Graph;

/// <summary>
/// ROUTE: the entry node. Applies the input guard and the escalation rules in code, asks the router model for a lane,
/// keeps the thread's lane unless the router clearly sees a new topic, and hands the turn to that lane's specialist
/// with what it will read first already read (Prefetch: the orders the message names are fetched while the router
/// runs). It also receives the human's answer when an agent returns a thread to the bot.
/// </summary>
public sealed class RouteExecutor(TurnScope scope, GraphServices services) : Executor(NodeId)
{
    public const string NodeId = "ROUTE";

    private readonly RoutePrefetcher prefetch = new(scope, services);

    protected override ProtocolBuilder ConfigureProtocol(ProtocolBuilder protocolBuilder)
    {
        protocolBuilder.RouteBuilder
            .AddHandler<CustomerTurn>(HandleTurnAsync)
            .AddHandler<NextRequest>(HandleNextRequestAsync)
            .AddHandler<HumanResponse>(HandleHumanResponseAsync);
        return protocolBuilder.SendsMessage<LaneTask>().SendsMessage<EscalationRequest>().SendsMessage<ApprovedAction>()
            .YieldsOutput<string>();
    }

    private async ValueTask HandleTurnAsync(CustomerTurn turn, IWorkflowContext context, CancellationToken ct)
    {
        // ROUTE announces itself with the route event (ARCHITECTURE.md §6 order: route, then the nodes it leads to).
        using var span = GraphTelemetry.StartNode(NodeId, scope);
        var state = await ReadStateAsync(context, ct);
        state = (state with { Turns = state.Turns + 1, Proposal = Open(state.Proposal) }).Remember("customer", turn.Text);
        await context.QueueStateUpdateAsync(ConversationState.Key, state, Escalation.ConversationScope, ct);

        var verdict = InputGuard.Check(turn.Text);
        if (verdict.Kind != GuardKind.Ok)
        {
            span?.SetTag("guard.verdict", verdict.Kind.ToString());
            await AnswerDirectlyAsync(context, state, GuardReplies.For(verdict), ct);
            return;
        }

        // An upset customer whose question can be answered gets the answer first (the specialist offers a person);
        // a request for a person, a threat or hazard, or anger that persists after an answer hands over below.
        var previousCustomer = state.History.Where(h => h.Role == "customer").SkipLast(1).LastOrDefault()?.Text;
        var previousReply = state.History.LastOrDefault(h => h.Role == "assistant")?.Text;
        var signal = EscalationSignals.Detect(turn.Text, previousCustomer, previousReply);

        // An answer to the open proposal goes to the lane that proposed it, without asking the router: "yes" has no topic.
        var open = state.Proposal is { Status: Proposals.Statuses.Proposed } p ? p : null;
        var answer = open is null ? null : Answer(open, turn.Text);
        // A yes or no to a proposal reads nothing (the specialist acts on the proposal); nor does a turn handed to a
        // person. Otherwise the orders the message names are read while the router decides (Prefetch).
        var reads = answer is not (Proposals.Statuses.Confirmed or Proposals.Statuses.Declined) && !signal.ShouldEscalate;
        if (reads) prefetch.Start(Prefetch.Orders(turn.Text), ct);

        string lane;
        double confidence;
        var answersProposal = false;
        if (open is not null && answer is { } status)
        {
            answersProposal = true;
            span?.SetTag("proposal.answer", status);
            state = state with { Proposal = status == Superseded ? null : open.With(status) };
            (lane, confidence) = (open.Lane, 1.0);
        }
        else
        {
            var routed = await RouteAsync(turn, state, span, ct);
            // Nobody who is handed to a person is first asked what their message is about.
            if (routed.Clarify && !signal.ShouldEscalate)
            {
                span?.SetTag("router.confidence", routed.Confidence);
                span?.SetTag("router.clarify", true);
                // Reads already made are shown even though no specialist uses them this turn: the stream tells every call.
                await prefetch.AnnounceAsync(ct);
                await AnswerDirectlyAsync(context, state with { Unclear = turn.Text }, ClarifyingQuestion, ct);
                return;
            }
            (lane, confidence) = (routed.Lane, routed.Confidence);
            // A person asked for, or anger, mid-conversation is about the case at hand (docs/LANES.md): the lane stays.
            if (signal.ShouldEscalate && lane == Lanes.General && state.Lane is { } current) lane = current;
        }
        // A message that asks several things: the request of the routed lane first, the others queued behind it (and
        // behind any still waiting from before), each served by its own lane once the one before it is done.
        string? focus = null;
        var queue = state.Queue;
        if (!answersProposal && !signal.ShouldEscalate && RequestSplitter.Split(turn.Text) is { Count: >= 2 } requests)
        {
            // docs/LANES.md: the message's lane is that of a request acting on the customer's orders, never GENERAL
            // when one does.
            var primary = requests.FirstOrDefault(r => r.Lane == lane && lane != Lanes.General)
                ?? requests.OrderBy(r => Array.IndexOf(LanePrecedence, r.Lane)).First();
            (lane, focus) = (primary.Lane, primary.Text);
            queue = [.. requests.Where(r => r != primary).Select(r => new QueuedRequest(r.Text, r.Lane)), .. state.Queue];
            queue = queue.Take(MaxQueuedRequests).ToList();
            span?.SetTag("support.requests", requests.Count);
        }

        scope.Lane = lane;
        span?.SetTag("support.lane", lane);
        span?.SetTag("router.confidence", confidence);
        await scope.EmitAsync(new RouteEvent(lane, confidence), ct);
        await context.QueueStateUpdateAsync(ConversationState.Key, state with { Lane = lane, Unclear = null, Queue = queue },
            Escalation.ConversationScope, ct);

        if (signal.ShouldEscalate)
        {
            var upset = signal.Severe || signal.StillUpset;
            var reason = upset ? Escalation.Reasons.Upset : Escalation.Reasons.AskedForPerson;
            await Escalation.EscalateAsync(context, scope, reason, signal.Reason ?? reason, upset ? 1 : 2, ct);
            return;
        }
        var prefetched = reads ? await prefetch.HandOverAsync(lane, focus ?? turn.Text, ct) : [];
        span?.SetTag("support.prefetched", prefetched.Count);
        await context.SendMessageAsync(new LaneTask(lane, confidence, focus, prefetched), ct);
    }

    private static readonly string[] LanePrecedence = [Lanes.Refund, Lanes.Shipping, Lanes.OrderLookup, Lanes.General];

    /// <summary>Requests kept waiting at most: a message asking more is rare, and a person reads it all on a handoff.</summary>
    private const int MaxQueuedRequests = 3;

    /// <summary>
    /// The specialist finished a request without waiting on the customer: the next queued request goes to its lane, in
    /// the same reply. A proposal the last request settled is done with; the next starts with its own tool work.
    /// </summary>
    private async ValueTask HandleNextRequestAsync(NextRequest next, IWorkflowContext context, CancellationToken ct)
    {
        var state = await ReadStateAsync(context, ct);
        if (state.Queue is not [var request, .. var rest]) return;
        using var span = GraphTelemetry.StartNode(NodeId, scope);
        span?.SetTag("support.lane", request.Lane);
        span?.SetTag("support.queued_after", next.FromLane);
        scope.StartRequest(request.Lane, request.Text);
        await scope.EmitAsync(new RouteEvent(request.Lane, 1.0), ct);
        var proposal = state.Proposal is { Status: Proposals.Statuses.AwaitingApproval } awaiting ? awaiting : null;
        await context.QueueStateUpdateAsync(ConversationState.Key, state with { Lane = request.Lane, Queue = rest, Proposal = proposal },
            Escalation.ConversationScope, ct);
        // The orders of this request were usually read with the message already; only what is new is read now.
        var prefetched = await prefetch.HandOverAsync(request.Lane, request.Text, ct);
        await context.SendMessageAsync(new LaneTask(request.Lane, 1.0, request.Text, prefetched), ct);
    }

    /// <summary>What the bot asks instead of guessing a lane for a message it cannot place (GraphOptions.MinConfidence).</summary>
    public const string ClarifyingQuestion =
        "Happy to help - is this about a refund, a delivery, an order's details, or something else?";

    private sealed record RouteDecision(string Lane, double Confidence, bool Clarify);

    private async Task<RouteDecision> RouteAsync(CustomerTurn turn, ConversationState state, Activity? span, CancellationToken ct)
    {
        // The history already ends with this message (remembered above); the router is given what came before it.
        var earlier = state.History.SkipLast(1).ToList();
        var reply = await AskRouterAsync(turn.Text, state.Lane, earlier, span, ct);
        var options = services.Options;

        // The answer to a clarifying question is read with the message it clarifies ("my order 1042" + "the money").
        if (state.Unclear is { } unclear && state.Lane is null && reply.Confidence < options.MinConfidence)
        {
            var together = await AskRouterAsync($"{unclear}\n{turn.Text}", null, earlier, span, ct);
            if (together.Confidence > reply.Confidence) reply = together;
        }

        var previousReply = state.History.LastOrDefault(h => h.Role == "assistant")?.Text;
        if (state.Lane is { } current && reply.Lane != current
            && (reply.Confidence < options.TopicChangeConfidence || FollowUps.IsContinuation(turn.Text, previousReply)))
        {
            return new(current, reply.Confidence, Clarify: false);
        }
        if (reply.Confidence >= options.MinConfidence || state.Lane is not null) return new(reply.Lane, reply.Confidence, Clarify: false);
        // Unsure on a new thread: ask once; unsure again after asking: GENERAL, which asks what the customer needs.
        return state.Unclear is null
            ? new(Lanes.General, reply.Confidence, Clarify: true)
            : new(Lanes.General, reply.Confidence, Clarify: false);
    }

    private async Task<LaneChoice> AskRouterAsync(string text, string? lane, IReadOnlyList<HistoryLine> earlier, Activity? span, CancellationToken ct)
    {
        var choice = await services.LaneRouter.RouteAsync(text, lane, earlier, ct);
        scope.AddUsage(choice.Usage);
        span?.SetTag("router.source", choice.Source);
        return choice;
    }

    /// <summary>
    /// The person's answer at the HUMAN port. Every way out of a handoff comes here, so the workflow never waits on a
    /// request nobody will answer: an approval goes on to the proposal's tool node, a denial tells the customer why,
    /// a return to the bot says so, and a resolve only settles the state (the thread is closed; nothing is said).
    /// </summary>
    private async ValueTask HandleHumanResponseAsync(HumanResponse response, IWorkflowContext context, CancellationToken ct)
    {
        using var span = GraphTelemetry.StartNode(NodeId, scope);
        span?.SetTag("human.decision", response.Decision);
        var state = await ReadStateAsync(context, ct);
        scope.Lane = state.Lane ?? Lanes.General;
        var awaiting = state.Proposal is { Status: Proposals.Statuses.AwaitingApproval } p ? p : null;
        switch (response.Decision)
        {
            case HumanDecisions.Approve when awaiting is not null:
                var approved = awaiting.With(Proposals.Statuses.Approved) with
                {
                    Amount = awaiting.Kind == Proposals.Kinds.Refund ? response.Amount ?? awaiting.Amount : null,
                    ApprovedBy = response.AgentId,
                };
                scope.Lane = approved.Lane;
                await context.QueueStateUpdateAsync(ConversationState.Key, state with { Proposal = approved, Lane = approved.Lane },
                    Escalation.ConversationScope, ct);
                await context.SendMessageAsync(new ApprovedAction(approved.Lane, approved), ct);
                return;
            case HumanDecisions.Deny when awaiting is not null:
                state = state with { Proposal = awaiting.With(Proposals.Statuses.Denied) };
                await AnswerDirectlyAsync(context, state, DenialText(awaiting, response.Note), ct);
                return;
            case HumanDecisions.Resolve:
                state = state.Remember("agent", $"(resolved by {response.AgentId}) {response.Note}") with { Proposal = null };
                await context.QueueStateUpdateAsync(ConversationState.Key, state, Escalation.ConversationScope, ct);
                return;
            default:
                state = state.Remember("agent", $"(note from {response.AgentId}) {response.Note}") with { Proposal = null };
                await AnswerDirectlyAsync(context, state,
                    "You're back with the assistant. Is there anything else I can help you with?", ct);
                return;
        }
    }

    private static string DenialText(Proposal proposal, string reason)
    {
        var what = proposal.Kind == Proposals.Kinds.Refund
            ? $"refund of {Proposals.Money(proposal.Amount ?? 0)} for order {proposal.OrderId}"
            : $"replacement for order {proposal.OrderId}";
        var because = string.IsNullOrWhiteSpace(reason) ? "" : $" The reason: {reason.Trim().TrimEnd('.')}.";
        return $"A colleague reviewed your request for a {what} and couldn't approve it, so nothing has been changed.{because} Is there anything else I can help you with?";
    }

    /// <summary>
    /// A proposal still in play at the start of a turn. Finished ones (executed, declined, denied) are dropped, and a
    /// yes counts for the turn it was given in only: a confirmation the specialist did not act on needs a fresh yes.
    /// </summary>
    private static Proposal? Open(Proposal? proposal) => proposal?.Status switch
    {
        Proposals.Statuses.Proposed or Proposals.Statuses.AwaitingApproval => proposal,
        Proposals.Statuses.Confirmed => proposal.With(Proposals.Statuses.Proposed),
        _ => null,
    };

    private const string Superseded = "superseded";

    /// <summary>The proposal's new status after the customer's message, or null when the message does not answer it.</summary>
    private static string? Answer(Proposal proposal, string text) =>
        ConfirmationReader.Read(text, proposal.OrderId, proposal.Amount) switch
        {
            ConfirmationAnswer.Yes => Proposals.Statuses.Confirmed,
            ConfirmationAnswer.No => Proposals.Statuses.Declined,
            // Another order or amount: the lane proposes again from the customer's words.
            ConfirmationAnswer.Counter => Superseded,
            _ => null,
        };

    private async ValueTask AnswerDirectlyAsync(IWorkflowContext context, ConversationState state, string text, CancellationToken ct)
    {
        await scope.WriteReplyAsync(text, ct);
        await context.QueueStateUpdateAsync(ConversationState.Key, state.Remember("assistant", text), Escalation.ConversationScope, ct);
        await context.YieldOutputAsync(text, ct);
    }

    private static ValueTask<ConversationState> ReadStateAsync(IWorkflowContext context, CancellationToken ct) =>
        context.ReadOrInitStateAsync(ConversationState.Key, () => new ConversationState(), Escalation.ConversationScope, ct);
}
