using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportAgent.Api.Telemetry;

namespace SupportAgent.Api.Metrics;

public sealed class ResolutionOptions
{
    /// <summary>An active thread with no activity for this long counts as resolved by the bot ("inactivity").</summary>
    public TimeSpan InactivityTimeout { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Closes threads the customer walked away from, so resolution is explicit for every thread. A thread waiting for or
/// held by a person is never closed this way. Safe on several replicas: the update is one guarded statement.
/// </summary>
public sealed class InactivityResolver(NpgsqlDataSource db, IOptions<ResolutionOptions> options, SupportMeters meters,
    ILogger<InactivityResolver> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await using var c = await db.OpenConnectionAsync(stoppingToken);
                var closed = await c.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE threads SET status = 'resolved', resolution = 'inactivity', resolved_at = now()
                    WHERE status = 'active' AND last_activity_at < now() - @timeout
                      AND EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = threads.id)
                    """,
                    new { timeout = options.Value.InactivityTimeout }, cancellationToken: stoppingToken));
                for (var i = 0; i < closed; i++) meters.Resolution("inactivity");
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Inactivity sweep failed; retrying next interval");
            }
        }
        while (await TickAsync(timer, stoppingToken));
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
