using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SupportAgent.ServiceDefaults.Postgres;

/// <summary>Runs a service's migrations before it takes traffic, retrying while PostgreSQL is still coming up.</summary>
public sealed class MigrationHostedService(
    IConfiguration configuration, MigrationOptions options, ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The data source hides the password; migrations need the full connection string.
        var connectionString = configuration.GetConnectionString(options.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{options.ConnectionName} is not configured.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DatabaseMigrator.MigrateAsync(connectionString, options.Component, options.Assembly, options.ResourcePrefix, cancellationToken);
                foreach (var seed in options.AfterMigration)
                {
                    await seed(cancellationToken);
                }
                logger.LogInformation("Schema of {Component} is up to date", options.Component);
                return;
            }
            catch (Exception ex) when (attempt < 30 && ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "PostgreSQL not ready for {Component} migrations (attempt {Attempt})", options.Component, attempt);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class MigrationOptions(string component, string connectionName, Assembly assembly, string resourcePrefix)
{
    public string ConnectionName { get; } = connectionName;
    public string Component { get; } = component;
    public Assembly Assembly { get; } = assembly;
    public string ResourcePrefix { get; } = resourcePrefix;
    public List<Func<CancellationToken, Task>> AfterMigration { get; } = [];
}

public static class MigrationExtensions
{
    /// <summary>
    /// Applies the embedded <c>*.sql</c> files under <c>Persistence/Migrations</c> of the calling assembly at start-up.
    /// </summary>
    public static MigrationOptions AddPostgresMigrations(this IServiceCollection services, string component, string connectionName, Assembly assembly)
    {
        var options = new MigrationOptions(component, connectionName, assembly, $"{assembly.GetName().Name}.Persistence.Migrations.");
        services.AddSingleton(options);
        services.AddHostedService<MigrationHostedService>();
        return options;
    }
}
