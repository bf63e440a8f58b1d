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
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the supported way to replace the
        // default handler, and nothing else here depends on it.
#pragma warning disable EXTEXP0001
        services.AddHttpClient<MockBackendsClient>(client => client.BaseAddress = new Uri(baseAddress))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(configuration.GetSection("Backends:Resilience"));
#pragma warning restore EXTEXP0001
        return services;
    }
}
