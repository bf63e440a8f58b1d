using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportAgent.Api.Models;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Models;

/// <summary>A bare host with AddSupportModels over in-memory configuration: the Models wiring and nothing else.</summary>
public sealed class ModelHost : IAsyncDisposable
{
    private ModelHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IChatClient Router => Host.Services.GetRequiredKeyedService<IChatClient>(ModelRoles.Router);

    public IChatClient Agent => Host.Services.GetRequiredKeyedService<IChatClient>(ModelRoles.Agent);

    public ModelPricing Pricing => Host.Services.GetRequiredService<ModelPricing>();

    public LaneRouter LaneRouter => Host.Services.GetRequiredService<LaneRouter>();

    /// <summary>Builds and starts the host (so ValidateOnStart runs).</summary>
    /// <param name="classifier">The local intent classifier; keywords (<see cref="KeywordIntentClassifier"/>) by default.</param>
    public static async Task<ModelHost> StartAsync(IDictionary<string, string?> settings, IIntentClassifier? classifier = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(classifier ?? new KeywordIntentClassifier());
        builder.AddSupportModels();
        var host = builder.Build();
        await host.StartAsync();
        return new ModelHost(host);
    }

    /// <summary>Settings that point both roles at the fake server, the router through its connection string.</summary>
    public static Dictionary<string, string?> OpenAi(Uri endpoint) => new()
    {
        ["Models:Agent:Provider"] = "OpenAI",
        ["Models:Agent:Endpoint"] = endpoint.ToString(),
        ["Models:Agent:ApiKey"] = "test-key",
        ["Models:Agent:Model"] = "fake-agent",
        ["Models:Agent:InputPricePerMillion"] = "1.00",
        ["Models:Agent:OutputPricePerMillion"] = "2.00",
        ["Models:Agent:Seed"] = "7",
        ["Models:Agent:Temperature"] = "0",
        ["ConnectionStrings:router-model"] = $"Endpoint={endpoint};Key=router-key;Model=fake-router",
        ["Models:Router:Model"] = "overridden-by-connection-string",
    };

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
