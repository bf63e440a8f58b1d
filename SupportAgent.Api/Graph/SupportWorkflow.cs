using Microsoft.Agents.AI.Workflows;

namespace SupportAgent.Api.Graph;

/// <summary>
/// The graph of ARCHITECTURE.md §2 on Agent Framework Workflows:
/// ROUTE -> {ORDER_LOOKUP, REFUND, SHIPPING, GENERAL} &lt;-> their *_TOOLS nodes; any of them -> HUMAN (request port)
/// -> back to ROUTE when an agent answers (return to bot, resolve, approve, deny); an approval goes on from ROUTE to
/// the proposal's tool node, which executes it. A specialist done with one request of several hands back to ROUTE,
/// which sends the next to its lane (NextRequest). Built per turn around the turn's scope; the ids
/// are stable so any turn resumes the checkpoints of the ones before it.
/// </summary>
public static class SupportWorkflow
{
    public static Workflow Build(TurnScope scope, GraphServices services)
    {
        var route = new RouteExecutor(scope, services);
        var human = RequestPort.Create<EscalationRequest, HumanResponse>(Escalation.HumanPortId);
        var builder = new WorkflowBuilder(route)
            .AddEdge<object>(route, human, IsEscalation)
            .AddEdge(human, route);

        var outputs = new List<ExecutorBinding> { route };
        foreach (var lane in Lanes.All)
        {
            var specialist = new SpecialistExecutor(lane, scope, services);
            var tools = new ToolNodeExecutor(lane, scope, services);
            builder
                .AddEdge<object>(route, specialist, m => m is LaneTask task && task.Lane == lane)
                .AddEdge<object>(route, tools, m => m is ApprovedAction approved && approved.Lane == lane)
                .AddEdge<object>(specialist, tools, m => m is ToolBatch)
                .AddEdge<object>(specialist, route, m => m is NextRequest)
                .AddEdge<object>(specialist, human, IsEscalation)
                .AddEdge<object>(tools, specialist, m => m is ToolBatchResult)
                .AddEdge<object>(tools, human, IsEscalation);
            outputs.Add(specialist);
        }
        return builder.WithOutputFrom([.. outputs]).WithOpenTelemetry().Build();
    }

    private static bool IsEscalation(object? message) => message is EscalationRequest;
}
