using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every SupportAgent service shares: OpenTelemetry over OTLP, health endpoints,
/// service discovery and resilient HttpClients.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Every check decides <c>/health</c>; only checks tagged "live" decide <c>/alive</c>.</summary>
    private const string LiveTag = "live";

    /// <summary>Activity sources and meters of the product itself; each service adds its own through these lists.</summary>
    public static readonly string[] ProductSources = ["SupportAgent.*", "Microsoft.Agents.AI*", "Microsoft.Extensions.AI*", "Experimental.Microsoft.Extensions.AI*", "Experimental.Microsoft.Agents.AI*", "Npgsql"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // Everything a service does is durable (turns, tool calls and checkpoints resume after a crash), so a stop
        // need not wait long for open connections; orchestrators kill a process that takes longer (DCP after ~10 s).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Resilience pipelines' events (HttpClients' retries, the Api's Redis circuit breaker).
                .AddMeter("Polly")
                .AddMeter(ProductSources))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(ProductSources)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Health probes every few seconds would drown the turns in the dashboard.
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/alive");
                    // EventSource cannot send headers, so live streams carry the bearer token in the query; Aspire turns
                    // query redaction off in development, so the token is taken out here, always.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.Query.ContainsKey("access_token")) activity.SetTag("url.query", "?access_token=Redacted");
                    };
                })
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/alive</c>: the process answers. <c>/health</c>: every registered check (databases, Redis) passes;
    /// a Degraded check still answers 200, with the reason in the body.
    /// Both are mapped in every environment because the AppHost and container orchestrators probe them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = HealthResponse.WriteAsync,
        });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        return app;
    }
}
