using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Polly;
using StackExchange.Redis;

namespace SupportAgent.Api.Limits;

public static class LimitsExtensions
{
    /// <summary>
    /// Per-customer message rate limits and daily spend caps in Redis, with a per-process fallback:
    /// options (<c>Limits</c> section), the <see cref="LimitPolicies.CustomerMessages"/> rate-limiting policy,
    /// <see cref="ISpendLedger"/>, the <c>redis-limits</c> health check and the <c>SupportAgent.Limits</c> meter.
    /// Needs an <see cref="IConnectionMultiplexer"/> (<c>AddRedisClient</c>) and <c>app.UseRateLimiter()</c> after
    /// authentication and authorization.
    /// </summary>
    public static IHostApplicationBuilder AddCustomerLimits(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimitOptions>, LimitOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<LimitsMetrics>();
        services.TryAddSingleton<LimitsRedisCircuit>();
        services.AddResiliencePipeline<string>(LimitsRedisCircuit.PipelineName, LimitsRedisCircuit.Configure);
        // Adds error.type and the exception summary to Polly's metrics for this pipeline's events.
        services.AddResilienceEnricher();
        services.TryAddSingleton<LimitsRedis>();
        services.TryAddSingleton<CustomerMessageLimiter>();
        services.TryAddSingleton<LocalSpendLedger>();
        services.TryAddSingleton<ISpendLedger, RedisSpendLedger>();
        services.AddHostedService<LimitsStartup>();

        // Not tagged "live": a Redis outage must show on /health, never make /alive fail and get the Api restarted.
        services.AddHealthChecks().AddCheck<LimitsHealthCheck>(LimitsHealthCheck.Name, HealthStatus.Degraded, ["ready", "redis"]);

        services.AddRateLimiter(options =>
        {
            options.AddPolicy<string, CustomerMessagesPolicy>(LimitPolicies.CustomerMessages);
            CustomerRequestPolicies.Add(options);
        });
        return builder;
    }
}

/// <summary>Fails start-up when Redis was never registered, and connects before the first customer arrives.</summary>
internal sealed class LimitsStartup(IServiceProviderIsService isService, LimitsRedis redis) : IHostedService
{
    /// <summary>As long as StackExchange.Redis's own default connect timeout: a down Redis never delays start more.</summary>
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!isService.IsService(typeof(IConnectionMultiplexer)))
        {
            throw new InvalidOperationException(
                "Customer limits need an IConnectionMultiplexer: call builder.AddRedisClient(\"redis\") before AddCustomerLimits.");
        }
        await redis.WarmUpAsync(WarmUpLimit, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
