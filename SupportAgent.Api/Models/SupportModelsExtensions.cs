using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SupportAgent.Offline.Agent;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Api.Models;

public static class SupportModelsExtensions
{
    /// <summary>ActivitySource and Meter of the model clients' <c>gen_ai</c> telemetry.</summary>
    public const string TelemetrySourceName = "SupportAgent.Models";

    /// <summary>The offline router: the DI <see cref="IIntentClassifier"/> behind the chat-client protocol.</summary>
    public static IChatClient DefaultOfflineRouter(IServiceProvider services) =>
        new OfflineRouterChatClient(services.GetService<IIntentClassifier>()
            ?? throw new InvalidOperationException(
                $"Models:Router:Provider is Offline, which needs an {nameof(IIntentClassifier)} registered in DI."));

    /// <summary>The offline specialists' engine.</summary>
    public static IChatClient DefaultOfflineAgent(IServiceProvider services) => new OfflineAgentChatClient();

    /// <summary>
    /// Registers the keyed <see cref="IChatClient"/>s <see cref="ModelRoles.Router"/> and <see cref="ModelRoles.Agent"/>,
    /// their validated <see cref="ModelOptions"/> (named by role) and <see cref="ModelPricing"/>. The offline router
    /// needs an <see cref="IIntentClassifier"/> in DI.
    /// </summary>
    public static IHostApplicationBuilder AddSupportModels(this IHostApplicationBuilder builder) =>
        builder.AddSupportModels(DefaultOfflineRouter);

    /// <param name="offlineRouter">Builds the router when its provider is Offline (tests pass a stub).</param>
    public static IHostApplicationBuilder AddSupportModels(
        this IHostApplicationBuilder builder, Func<IServiceProvider, IChatClient> offlineRouter)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        services.TryAddSingleton<ModelPricing>();

        AddRole(builder, ModelRoles.Router, offlineRouter);
        AddRole(builder, ModelRoles.Agent, DefaultOfflineAgent);

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(TelemetrySourceName))
            .WithMetrics(metrics => metrics.AddMeter(TelemetrySourceName));
        return builder;
    }

    private static void AddRole(IHostApplicationBuilder builder, string role, Func<IServiceProvider, IChatClient> offline)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<ModelOptions>(role)
            .Bind(configuration.GetSection(ModelOptions.SectionOf(role)))
            // Runs after Bind, so the connection string wins over the section.
            .Configure(o => ModelConnectionString.Apply(configuration.GetConnectionString(ModelOptions.ConnectionStringNameOf(role)), o))
            .ValidateOnStart();

        builder.Services.AddKeyedChatClient(role, services => CreateInner(services, role, offline))
            // Outermost first: role defaults are applied before telemetry records the request.
            .Use((inner, services) => new ConfigureOptionsChatClient(
                inner, options => ApplyDefaults(options, services.GetRequiredService<IOptionsMonitor<ModelOptions>>().Get(role))))
            // Spans follow the OpenTelemetry GenAI conventions (provider, operation, model, usage, tool calls), which
            // is what the Aspire dashboard's GenAI view reads. Messages, instructions and tool definitions are
            // customer data: recorded only when CaptureContent is on (ARCHITECTURE.md §7).
            .UseOpenTelemetry(sourceName: TelemetrySourceName, configure: c => c.EnableSensitiveData = CaptureContent(configuration))
            .UseLogging();
        // No UseFunctionInvocation: the graph's tool node executes every call itself (audited, replay-safe).
    }

    /// <summary>
    /// <c>Models:CaptureContent</c>, or else the standard <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c>
    /// variable; off when neither says true.
    /// </summary>
    public static bool CaptureContent(IConfiguration configuration) =>
        configuration.GetValue<bool?>(CaptureContentSetting)
        ?? string.Equals(configuration["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"], "true", StringComparison.OrdinalIgnoreCase);

    public const string CaptureContentSetting = "Models:CaptureContent";

    private static IChatClient CreateInner(IServiceProvider services, string role, Func<IServiceProvider, IChatClient> offline)
    {
        var options = services.GetRequiredService<IOptionsMonitor<ModelOptions>>().Get(role);
        return options.Provider switch
        {
            ModelProvider.OpenAI => CreateOpenAi(options),
            _ => offline(services),
        };
    }

    private static IChatClient CreateOpenAi(ModelOptions options)
    {
        var clientOptions = new OpenAIClientOptions();
        if (options.Endpoint is not null) clientOptions.Endpoint = options.Endpoint;
        // Local servers (Ollama, vLLM) take no key, but the SDK requires a credential.
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey);
        return new OpenAIClient(key, clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    private static void ApplyDefaults(ChatOptions options, ModelOptions model)
    {
        options.Temperature ??= model.Temperature;
        options.Seed ??= model.Seed;
        if (model.Provider == ModelProvider.OpenAI) options.ModelId ??= model.Model;
    }
}
