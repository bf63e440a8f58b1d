using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupportAgent.MockBackends.Http;

namespace SupportAgent.MockBackends.Faults;

/// <summary>
/// Decides, per request, whether a backend misbehaves. Configured faults apply until <c>PUT /admin/faults/{endpoint}</c>
/// overrides them at run time; <c>DELETE /admin/faults</c> drops the overrides.
/// </summary>
public sealed class FaultInjector(IOptionsMonitor<FaultsOptions> configured, ILogger<FaultInjector> logger)
{
    /// <summary>Longer than any sane client timeout, so the caller's own timeout is what fires.</summary>
    public static readonly TimeSpan TimeoutDelay = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, FaultSettings> _overrides = new(StringComparer.OrdinalIgnoreCase);

    public FaultSettings Current(string endpoint) =>
        _overrides.TryGetValue(endpoint, out var settings) ? settings
        : configured.CurrentValue.TryGetValue(endpoint, out var fromConfig) ? fromConfig
        : FaultSettings.None;

    public IReadOnlyDictionary<string, FaultSettings> All() => FaultEndpoints.All.ToDictionary(e => e, Current);

    public void Override(string endpoint, FaultSettings settings)
    {
        _overrides[endpoint] = settings;
        logger.LogWarning("Faults for {Endpoint} set to latency {LatencyMs} ms, error rate {ErrorRate}, timeout rate {TimeoutRate}",
            endpoint, settings.LatencyMs, settings.ErrorRate, settings.TimeoutRate);
    }

    public void Reset()
    {
        _overrides.Clear();
        logger.LogInformation("Fault overrides cleared; configured faults apply");
    }

    /// <returns>A problem to answer instead of the endpoint, or null to let the request through.</returns>
    public async Task<IResult?> ApplyAsync(string endpoint, CancellationToken ct)
    {
        var settings = Current(endpoint);
        if (settings.IsNone)
        {
            return null;
        }
        if (settings.LatencyMs > 0)
        {
            await Task.Delay(settings.LatencyMs, ct);
        }
        var roll = Random.Shared.NextDouble();
        if (roll < settings.TimeoutRate)
        {
            await Task.Delay(TimeoutDelay, ct);
            return Problems.Create(StatusCodes.Status504GatewayTimeout, "fault_timeout", "Injected timeout.",
                $"The {endpoint} backend did not answer in time (fault injection).");
        }
        if (roll < settings.TimeoutRate + settings.ErrorRate)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "fault_injected", "Injected failure.",
                $"The {endpoint} backend is unavailable (fault injection).");
        }
        return null;
    }
}

public static class FaultFilterExtensions
{
    /// <summary>Every route of the group passes through the fault injector for <paramref name="endpoint"/>.</summary>
    public static RouteGroupBuilder WithFaults(this RouteGroupBuilder group, string endpoint)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var injector = context.HttpContext.RequestServices.GetRequiredService<FaultInjector>();
            return await injector.ApplyAsync(endpoint, context.HttpContext.RequestAborted) ?? await next(context);
        });
        return group;
    }
}
