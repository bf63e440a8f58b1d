using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportAgent.Api.Limits;

/// <summary>
/// <c>redis-limits</c>: Degraded (not Unhealthy) while limits run per process, because the Api still serves
/// customers then; an orchestrator should not restart it for that, but an operator should see it.
/// </summary>
internal sealed class LimitsHealthCheck(LimitsRedis redis) : IHealthCheck
{
    public const string Name = "redis-limits";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A ping notices an outage without customer traffic, and ends one: while the breaker is open it is turned away
        // until the probe interval has passed, then it is the probe. A failed ping with the breaker still closed is
        // Degraded too: that request would have been answered by the fallback.
        var answered = await redis.ProbeAsync(cancellationToken);
        return answered && !redis.InFallback
            ? HealthCheckResult.Healthy("Rate limits and spend caps are shared through Redis.")
            : HealthCheckResult.Degraded("Redis is unreachable: rate limits and spend caps are enforced per process.");
    }
}
