using System.Diagnostics;

namespace SupportAgent.Api.Graph;

/// <summary>The graph's spans: <c>support.turn</c> per customer turn, one per node entered, one per tool call.</summary>
public static class GraphTelemetry
{
    public const string SourceName = "SupportAgent.Graph";
    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartNode(string node, TurnScope scope)
    {
        var activity = Source.StartActivity($"node {node}", ActivityKind.Internal, scope.TurnActivity);
        activity?.SetTag("graph.node", node);
        activity?.SetTag("support.thread_id", scope.Request.ThreadId);
        activity?.SetTag("support.turn_id", scope.Request.TurnId);
        return activity;
    }

    public static Activity? StartToolCall(string tool, string callId, TurnScope scope)
    {
        var activity = Source.StartActivity($"tool {tool}", ActivityKind.Client);
        activity?.SetTag("tool.name", tool);
        activity?.SetTag("tool.call_id", callId);
        activity?.SetTag("support.thread_id", scope.Request.ThreadId);
        return activity;
    }
}
