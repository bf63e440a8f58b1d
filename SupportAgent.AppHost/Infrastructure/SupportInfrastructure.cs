namespace SupportAgent.AppHost.Infrastructure;

/// <summary>
/// The stateful resources every mode provides under the same names: the <c>postgres</c> server with its
/// <c>support</c> and <c>backends</c> databases, and <c>redis</c>. Services reference these and never learn the mode.
/// </summary>
public sealed record SupportInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResource> Postgres,
    IResourceBuilder<IResourceWithConnectionString> Support,
    IResourceBuilder<IResourceWithConnectionString> Backends,
    IResourceBuilder<IResourceWithConnectionString> Redis);

public static class SupportInfrastructureExtensions
{
    public static SupportInfrastructure AddSupportInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = ResolveMode(builder);
        return mode == InfrastructureMode.Containers
            ? AddContainers(builder)
            : LocalServers.Add(builder);
    }

    private static InfrastructureMode ResolveMode(IDistributedApplicationBuilder builder)
    {
        // A published manifest describes containers for the cloud; local processes make no sense there.
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }
        var configured = builder.Configuration["Infrastructure:Mode"];
        var mode = Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var parsed) ? parsed : InfrastructureMode.Auto;
        if (mode != InfrastructureMode.Auto)
        {
            return mode;
        }
        return ContainerRuntimeProbe.EngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.LocalProcesses;
    }

    private static SupportInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var redis = builder.AddRedis("redis").WithDataVolume().WithPersistence();
        return new SupportInfrastructure(
            InfrastructureMode.Containers,
            postgres,
            postgres.AddDatabase("support"),
            postgres.AddDatabase("backends"),
            redis);
    }
}
