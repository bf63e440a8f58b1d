using System.Text.Json.Serialization;

namespace SupportAgent.MockBackends.Faults;

/// <summary>The endpoints faults can target; each backend's routes form one.</summary>
public static class FaultEndpoints
{
    public const string Orders = "orders";
    public const string Payments = "payments";
    public const string Shipping = "shipping";
    public const string Docs = "docs";

    public static readonly string[] All = [Orders, Payments, Shipping, Docs];
}

/// <summary>Faults for one endpoint: added latency, then a roll for a timeout or an error.</summary>
public sealed class FaultSettings
{
    public const int MaxLatencyMs = 60_000;

    public static readonly FaultSettings None = new();

    public int LatencyMs { get; set; }

    /// <summary>Share of requests answered 503 (0..1).</summary>
    public double ErrorRate { get; set; }

    /// <summary>Share of requests that hang for <see cref="FaultInjector.TimeoutDelay"/> and then answer 504 (0..1).</summary>
    public double TimeoutRate { get; set; }

    [JsonIgnore]
    public bool IsNone => LatencyMs == 0 && ErrorRate == 0 && TimeoutRate == 0;

    public string? Validate() =>
        LatencyMs is < 0 or > MaxLatencyMs ? $"latencyMs must be between 0 and {MaxLatencyMs}."
        : ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate) ? "errorRate must be between 0 and 1."
        : TimeoutRate is < 0 or > 1 || double.IsNaN(TimeoutRate) ? "timeoutRate must be between 0 and 1."
        : ErrorRate + TimeoutRate > 1 ? "errorRate + timeoutRate must not exceed 1."
        : null;
}

/// <summary>Configuration section <c>Faults</c>: <c>Faults:&lt;endpoint&gt;:LatencyMs|ErrorRate|TimeoutRate</c>.</summary>
public sealed class FaultsOptions : Dictionary<string, FaultSettings>
{
    public FaultsOptions() : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public string? Validate()
    {
        foreach (var (endpoint, settings) in this)
        {
            if (!FaultEndpoints.All.Contains(endpoint, StringComparer.OrdinalIgnoreCase))
            {
                return $"Faults:{endpoint} names no endpoint; use one of {string.Join(", ", FaultEndpoints.All)}.";
            }
            if (settings.Validate() is { } problem)
            {
                return $"Faults:{endpoint}: {problem}";
            }
        }
        return null;
    }
}
