using SupportAgent.Offline.Routing;
using Microsoft.Extensions.Http.Resilience;
using SupportAgent.Api.Conversations;
using SupportAgent.Api.Handoff;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Streaming;
using SupportAgent.Api.Telemetry;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Graph;

public static class GraphSetup
{
    /// <summary>The graph, the stores it runs on, and the services that drive turns and handoffs.</summary>
    public static IHostApplicationBuilder AddSupportGraph(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GraphOptions>().Bind(builder.Configuration.GetSection(GraphOptions.Section)).ValidateOnStart();
        services.AddOptions<CheckpointOptions>().Bind(builder.Configuration.GetSection("Checkpoints"));
        // The ToolsService already retries the backends (15 s per backend call, a tool makes at most two) and answers a
        // failure as a normal result: wait for that answer instead of the default 10 s attempt / 30 s total, which cut a
        // slow tool off and failed the whole turn. No retries of tool calls: a retry would run the call a second time
        // while the first is still executing.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the supported way to replace the default handler
        services.AddHttpClient<ToolsClient>(http => http.BaseAddress = new Uri(builder.Configuration["Tools:BaseUrl"] ?? "http://toolsservice"))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.DisableForUnsafeHttpMethods();
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(45);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(60);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(90);
            });
#pragma warning restore EXTEXP0001
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<RefusedCallAudit>();
        services.AddSingleton<PostgresCheckpointStore>();
        services.AddSingleton(_ => IntentClassifiers.CreateDefault());
        // Train the offline router while the Api starts, not on the first customer's message.
        services.AddHostedService<RouterWarmup>();
        services.AddSingleton<GraphServices>();
        services.AddSingleton<ITurnRunner, WorkflowTurnRunner>();

        services.AddSingleton<ConversationStore>();
        services.AddSingleton<HandoffStore>();
        services.AddSingleton<ThreadEventStore>();
        services.AddSingleton<ThreadEventHub>();
        services.AddHostedService(sp => sp.GetRequiredService<ThreadEventHub>());
        services.AddOptions<TurnOptions>().Bind(builder.Configuration.GetSection(TurnOptions.Section));
        services.AddSingleton<IThreadLeases, ThreadLeases>();
        services.AddSingleton<RunningTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<RunningTurns>());
        services.AddHostedService<TurnRecovery>();
        services.AddSingleton<ThreadAccess>();
        services.AddSingleton<ThreadViews>();
        services.AddSingleton<TurnCoordinator>();
        services.AddSingleton<HandoffService>();
        services.AddSingleton<HandoffAssistant>();
        services.AddSingleton<SupportMeters>();
        services.AddSingleton<Metrics.SupportMetricsQuery>();
        services.AddOptions<Metrics.ResolutionOptions>().Bind(builder.Configuration.GetSection("Resolution"));
        services.AddHostedService<Metrics.InactivityResolver>();
        return builder;
    }
}

/// <summary>Trains the intent model in the background at start-up; readiness does not wait for it.</summary>
internal sealed class RouterWarmup(IIntentClassifier classifier, ILogger<RouterWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        classifier.Predict("warm up");
        logger.LogInformation("Offline router ready in {Elapsed} ms", started.ElapsedMilliseconds);
    }, stoppingToken);
}
