using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OpenAI;
using ChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;
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
        services.TryAddSingleton<LaneRouter>();

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

        // The model endpoint's own HttpClient: the service defaults' generic handler is replaced by one tuned for model
        // calls (ModelResilience), and the OpenAI SDK sends through it.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the supported way to replace the default handler
        builder.Services.AddHttpClient(ModelResilience.HttpClientName(role))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler()
            .Configure((o, services) =>
            {
                // Invalid model options fail start-up on their own (ValidateOnStart above); reporting them a second
                // time from here would only repeat the message.
                try
                {
                    ModelResilience.Configure(o, services.GetRequiredService<IOptionsMonitor<ModelOptions>>().Get(role));
                }
                catch (OptionsValidationException)
                {
                }
            });
#pragma warning restore EXTEXP0001

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
            ModelProvider.OpenAI => CreateOpenAi(options, services.GetRequiredService<IHttpClientFactory>().CreateClient(ModelResilience.HttpClientName(role))),
            _ => offline(services),
        };
    }

    private static IChatClient CreateOpenAi(ModelOptions options, HttpClient http)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(http),
            // Retries live in the HttpClient's resilience handler (ModelResilience), bounded and honouring Retry-After.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // Longer than the handler's whole budget, so the SDK never cuts off the handler's retries; a stream that
            // stalls after it started is cut by the specialist's own watchdog (AttemptTimeout between chunks).
            NetworkTimeout = options.RequestBudget + TimeSpan.FromSeconds(5),
        };
        if (options.Endpoint is not null) clientOptions.Endpoint = options.Endpoint;
        // Local servers (Ollama, vLLM) take no key, but the SDK requires a credential.
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey);
        return new OpenAIClient(key, clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    private static void ApplyDefaults(ChatOptions options, ModelOptions model)
    {
        // Unset settings stay unset and are not sent: reasoning models reject sampling parameters.
        options.Temperature ??= model.Temperature;
        options.TopP ??= model.TopP;
        options.Seed ??= model.Seed;
        options.MaxOutputTokens ??= model.MaxOutputTokens;
        if (model.Provider != ModelProvider.OpenAI) return;
        options.ModelId ??= model.Model;
        if (model.TokenLimitField == TokenLimitField.MaxTokens && options.MaxOutputTokens is { } limit)
        {
            // The SDK writes MaxOutputTokens as max_completion_tokens; an older server wants max_tokens instead.
            options.MaxOutputTokens = null;
            var inner = options.RawRepresentationFactory;
            options.RawRepresentationFactory = client =>
            {
                var raw = inner?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch: the SDK's way to send a field its typed options do not have
                raw.Patch.Set("$.max_tokens"u8, limit);
#pragma warning restore SCME0001
                return raw;
            };
        }
    }
}
