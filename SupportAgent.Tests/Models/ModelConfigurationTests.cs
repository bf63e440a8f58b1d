using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportAgent.Offline.Agent;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Models;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Models;

public sealed class ModelConfigurationTests
{
    [Fact]
    public async Task Keyed_clients_exist_for_both_roles_and_offline_is_the_default()
    {
        await using var host = await ModelHost.StartAsync(new Dictionary<string, string?>());
        var monitor = host.Host.Services.GetRequiredService<IOptionsMonitor<ModelOptions>>();

        Assert.Equal(ModelProvider.Offline, monitor.Get(ModelRoles.Router).Provider);
        Assert.Equal(ModelProvider.Offline, monitor.Get(ModelRoles.Agent).Provider);
        Assert.Equal(OfflineAgentChatClient.ModelId, host.Agent.GetService<ChatClientMetadata>()?.DefaultModelId);

        var routed = RouterReply.Parse((await host.Router.GetResponseAsync("I want a refund please")).Text);
        Assert.Equal(Lanes.Refund, routed.Lane);
        // The graph's tool node executes calls: the pipeline has telemetry and logging but never invokes functions.
        Assert.NotNull(host.Agent.GetService<OpenTelemetryChatClient>());
        Assert.NotNull(host.Router.GetService<LoggingChatClient>());
        Assert.Null(host.Agent.GetService<FunctionInvokingChatClient>());
    }

    [Fact]
    public async Task Offline_engine_has_a_nominal_price_so_cost_per_ticket_is_visible()
    {
        await using var host = await ModelHost.StartAsync(new Dictionary<string, string?>());

        var cost = host.Pricing.Price(ModelRoles.Agent, new UsageDetails { InputTokenCount = 1_000_000, OutputTokenCount = 1_000_000 });

        Assert.Equal(ModelOptions.OfflineInputPricePerMillion + ModelOptions.OfflineOutputPricePerMillion, cost.Cost);
        Assert.Equal(TokenCost.Zero, host.Pricing.Price(ModelRoles.Router, null));
    }

    [Fact]
    public async Task OpenAI_without_endpoint_or_key_fails_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ModelHost.StartAsync(new Dictionary<string, string?>
        {
            ["Models:Agent:Provider"] = "OpenAI",
            ["Models:Agent:Model"] = "gpt-4o-mini",
        }));
        Assert.Contains("Endpoint or an ApiKey", error.Message);
    }

    [Fact]
    public void Connection_string_overrides_the_section_and_implies_OpenAI()
    {
        var options = new ModelOptions { Model = "from-section", Endpoint = new Uri("http://section.example/v1") };

        ModelConnectionString.Apply("Endpoint=https://models.example/v1;Key=k-123;Model=gpt-4o-mini", options);

        Assert.Equal(ModelProvider.OpenAI, options.Provider);
        Assert.Equal(new Uri("https://models.example/v1"), options.Endpoint);
        Assert.Equal(("k-123", "gpt-4o-mini"), (options.ApiKey, options.Model));
        Assert.Equal(0m, options.EffectiveInputPricePerMillion);
    }

    [Fact]
    public void Unknown_role_cannot_be_priced()
    {
        var pricing = new ModelPricing(new StaticMonitor());
        Assert.Throws<ArgumentOutOfRangeException>(() => pricing.Price("embedding", new UsageDetails()));
    }

    private sealed class StaticMonitor : IOptionsMonitor<ModelOptions>
    {
        public ModelOptions CurrentValue { get; } = new();
        public ModelOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<ModelOptions, string?> listener) => null;
    }
}
