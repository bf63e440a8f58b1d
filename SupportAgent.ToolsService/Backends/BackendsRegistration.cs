using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportAgent.ToolsService.Backends;

public static class BackendsRegistration
{
    /// <summary>
    /// One typed client for every MockBackends call. The standard resilience handler from ServiceDefaults is replaced
    /// by the same handler tuned by <c>Backends:Resilience</c>: a chat turn cannot wait the default 30 s, and retrying
    /// POSTs is safe because every provider call carries an Idempotency-Key.
    /// </summary>
    public static IServiceCollection AddMockBackendsClient(this IServiceCollection services, IConfiguration configuration)
    {
        var baseAddress = configuration["Backends:BaseAddress"] ?? "http://mockbackends";
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BackendsServiceToken>();
        services.AddTransient<BackendsServiceTokenHandler>();
        var client = services.AddHttpClient<MockBackendsClient>(client => client.BaseAddress = new Uri(baseAddress));
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the supported way to replace the
        // default handler, and nothing else here depends on it.
#pragma warning disable EXTEXP0001
        client.RemoveAllResilienceHandlers().AddStandardResilienceHandler(configuration.GetSection("Backends:Resilience"));
#pragma warning restore EXTEXP0001
        // Added after the resilience handler, so it runs inside it: every attempt carries a current service token.
        client.AddHttpMessageHandler<BackendsServiceTokenHandler>();
        return services;
    }
}
