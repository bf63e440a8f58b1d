using System.Reflection;
using Npgsql;

namespace SupportAgent.ServiceDefaults.Postgres;

/// <summary>
/// Creates a service's database if it is missing and applies its numbered SQL migrations once, in order,
/// under an advisory lock so that replicas starting together do not race. Each service owns its own tables
/// and records what it applied in its own history table.
/// </summary>
/// <remarks>
/// A few lines of plain SQL instead of EF Core migrations: the services use Npgsql/Dapper with reviewed SQL,
/// and a migration framework would be the only reason to bring in an ORM.
/// </remarks>
public static class DatabaseMigrator
{
    /// <param name="component">Names the history table, e.g. "api" gives <c>schema_migrations_api</c>.</param>
    /// <param name="resourcePrefix">Embedded resources whose names start with this are the migrations, applied in name order.</param>
    public static async Task MigrateAsync(string connectionString, string component, Assembly assembly, string resourcePrefix, CancellationToken ct = default)
    {
        await EnsureDatabaseAsync(connectionString, ct);

        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock(hashtext('schema_migrations_{component}'))", ct);
        await ExecuteAsync(connection, tx, $"CREATE TABLE IF NOT EXISTS schema_migrations_{component} (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", ct);

        foreach (var name in migrations)
        {
            var version = name[resourcePrefix.Length..];
            await using (var check = new NpgsqlCommand($"SELECT 1 FROM schema_migrations_{component} WHERE version = @v", connection, tx))
            {
                check.Parameters.AddWithValue("v", version);
                if (await check.ExecuteScalarAsync(ct) is not null)
                {
                    continue;
                }
            }
            await using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            await ExecuteAsync(connection, tx, await reader.ReadToEndAsync(ct), ct);
            await using var record = new NpgsqlCommand($"INSERT INTO schema_migrations_{component} (version) VALUES (@v)", connection, tx);
            record.Parameters.AddWithValue("v", version);
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Aspire's containers create their databases; local servers and existing servers may not have them yet.</summary>
    public static async Task EnsureDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            return;
        }
        try
        {
            // Identifiers cannot be parameters; quote it the way PostgreSQL does.
            await ExecuteAsync(connection, null, $"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another service or replica created it first.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
