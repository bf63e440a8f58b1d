using System.Diagnostics.Metrics;

namespace SupportAgent.Api.Limits;

/// <summary>
/// Meter <c>SupportAgent.Limits</c>: how often customers hit a limit, and whether limits are currently per process.
/// </summary>
public sealed class LimitsMetrics
{
    public const string MeterName = "SupportAgent.Limits";

    private readonly Counter<long> _rejected;
    private int _fallbackActive;

    public LimitsMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _rejected = meter.CreateCounter<long>("limits.rejected", unit: "{request}",
            description: "Requests refused by a customer limit, by reason.");
        meter.CreateObservableGauge("limits.fallback_active", () => Volatile.Read(ref _fallbackActive),
            description: "1 while Redis is unreachable and limits are enforced per process, else 0.");
    }

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void SetFallback(bool active) => Volatile.Write(ref _fallbackActive, active ? 1 : 0);
}
