using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SupportAgent.Api.Auth;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Models;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Tools;

namespace SupportAgent.Tests.Graph;

/// <summary>
/// The real graph (offline models, Postgres checkpoints) with a fake ToolsService. Each harness is one "Api process":
/// building a second one over the same database is a restart.
/// </summary>
public sealed class GraphHarness : IAsyncDisposable
{
    private readonly IHost _host;

    /// <param name="classifier">The offline router's classifier; the shipped one by default.</param>
    /// <param name="settings">More configuration, e.g. <c>Models:Agent:*</c> pointing at a fake model server.</param>
    public GraphHarness(string supportConnectionString, FakeToolsHandler tools, SupportAgent.Offline.Routing.IIntentClassifier? classifier = null,
        IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = AppHostRunner.SigningKey,
            ["Auth:ToolsSigningKey"] = AppHostRunner.ToolsSigningKey,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSupportAuth();
        builder.AddSupportModels();
        builder.Services.AddSingleton(NpgsqlDataSource.Create(supportConnectionString));
        builder.Services.AddOptions<GraphOptions>().Bind(builder.Configuration.GetSection(GraphOptions.Section));
        builder.Services.AddOptions<CheckpointOptions>();
        builder.Services.AddSingleton<SupportAgent.Offline.Routing.IIntentClassifier>(_ => classifier ?? new SupportAgent.Offline.Routing.MlNetIntentClassifier());
        builder.Services.AddHttpClient<ToolsClient>(http => http.BaseAddress = new Uri("http://toolsservice"))
            .ConfigurePrimaryHttpMessageHandler(() => tools);
        builder.Services.AddSingleton<ToolCatalog>();
        builder.Services.AddSingleton<RefusedCallAudit>();
        builder.Services.AddSingleton<PostgresCheckpointStore>();
        builder.Services.AddSingleton<GraphServices>();
        builder.Services.AddSingleton<ITurnRunner, WorkflowTurnRunner>();
        _host = builder.Build();
    }

    public ITurnRunner Runner => _host.Services.GetRequiredService<ITurnRunner>();

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class RecordingSink : ITurnEventSink
{
    public List<TurnEvent> Events { get; } = [];

    public ValueTask WriteAsync(TurnEvent turnEvent, CancellationToken cancellationToken)
    {
        lock (Events) Events.Add(turnEvent);
        return ValueTask.CompletedTask;
    }
}
