using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace SupportAgent.AppHost.Infrastructure;

/// <summary>Healthy once the local server accepts connections, so <c>WaitFor</c> means "ready", not "process started".</summary>
internal sealed class LocalPostgresHealthCheck(ReferenceExpression connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var value = await connectionString.GetValueAsync(cancellationToken);
            await using var connection = new NpgsqlConnection(value + ";Timeout=3;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}

internal sealed class LocalRedisHealthCheck(ReferenceExpression connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var value = await connectionString.GetValueAsync(cancellationToken);
            await using var connection = await ConnectionMultiplexer.ConnectAsync(value + ",connectTimeout=2000,abortConnect=true");
            await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
