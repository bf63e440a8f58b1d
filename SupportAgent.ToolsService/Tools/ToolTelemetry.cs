using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SupportAgent.ToolsService.Tools;

/// <summary>One span per tool call and call counts by tool and outcome; ServiceDefaults collects "SupportAgent.*".</summary>
public static class ToolTelemetry
{
    public const string Name = "SupportAgent.Tools";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("supportagent.tool.calls", description: "Tool calls by tool and outcome.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "supportagent.tool.duration", unit: "ms", description: "Time to execute a tool call (replays excluded).");
}
