namespace SupportAgent.Api.Limits;

/// <summary>Per-customer limits, bound from the <c>Limits</c> configuration section and validated at start.</summary>
public sealed class LimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>Messages a customer may send per window (the window is a minute in production).</summary>
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Threads a customer may start per window (per Api process).</summary>
    public int ThreadsPerMinute { get; set; } = 30;

    /// <summary>Live event streams (<c>GET /api/threads/{id}/events</c>) a customer may hold open at once (per Api process).</summary>
    public int EventStreamsPerCustomer { get; set; } = 8;

    /// <summary>Length of the sliding window. Only tests shorten it, so they need not wait a minute.</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>Model spend a customer may cause per UTC day.</summary>
    public decimal DailySpendCapDollars { get; set; } = 1.00m;

    /// <summary>The longest a request waits on Redis before the per-process fallback answers instead.</summary>
    public int RedisTimeoutMs { get; set; } = 250;

    /// <summary>
    /// The circuit breaker's sampling window and break: it opens when half the Redis calls of this window failed, and
    /// while open one request (or the health check) tries Redis again per interval.
    /// </summary>
    public int RedisProbeIntervalSeconds { get; set; } = 5;

    /// <summary>Prefix of every Redis key written here, so several apps or test runs can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "sa:";

    internal TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    internal TimeSpan RedisTimeout => TimeSpan.FromMilliseconds(RedisTimeoutMs);

    internal TimeSpan ProbeInterval => TimeSpan.FromSeconds(RedisProbeIntervalSeconds);
}
