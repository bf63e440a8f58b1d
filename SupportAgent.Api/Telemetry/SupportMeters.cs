using System.Diagnostics.Metrics;

namespace SupportAgent.Api.Telemetry;

/// <summary>The product's OpenTelemetry metrics (ARCHITECTURE.md §7); the dashboard shows them under "SupportAgent.Support".</summary>
public sealed class SupportMeters
{
    public const string MeterName = "SupportAgent.Support";

    private readonly Counter<long> _turns;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _resolutions;
    private readonly Histogram<double> _firstResponse;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;

    public SupportMeters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>("support.turns", "{turn}", "Customer turns answered, by lane and outcome");
        _escalations = meter.CreateCounter<long>("support.escalations", "{handoff}", "Threads handed to a person, by reason");
        _resolutions = meter.CreateCounter<long>("support.resolutions", "{thread}", "Threads resolved, by how");
        _firstResponse = meter.CreateHistogram<double>("support.first_response.duration", "s",
            "From receiving the customer's message to the first reply text on the stream");
        _tokens = meter.CreateCounter<long>("support.tokens", "{token}", "Model tokens, by role and direction");
        _cost = meter.CreateCounter<double>("support.cost", "USD", "Model spend");
    }

    public void Turn(string lane, string outcome) =>
        _turns.Add(1, new("support.lane", lane), new("support.outcome", outcome));

    public void Escalation(string reason, string lane) =>
        _escalations.Add(1, new("support.reason", reason), new("support.lane", lane));

    public void Resolution(string how) => _resolutions.Add(1, new KeyValuePair<string, object?>("support.resolution", how));

    public void FirstResponse(TimeSpan elapsed, string lane) =>
        _firstResponse.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("support.lane", lane));

    public void Usage(Graph.TokenUsage usage)
    {
        _tokens.Add(usage.InputTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "input"));
        _tokens.Add(usage.OutputTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "output"));
        _cost.Add((double)usage.Cost);
    }
}
