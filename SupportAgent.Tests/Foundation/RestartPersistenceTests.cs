using Npgsql;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Foundation;

/// <summary>Runs alone: it starts and stops its own AppHost twice on one data folder.</summary>
[Collection(RestartCollection.Name)]
public sealed class RestartPersistenceTests
{
    [Fact]
    public async Task Data_written_to_postgres_survives_an_apphost_restart()
    {
        var dataPath = AppHostRunner.NewDataPath();
        var marker = Guid.NewGuid().ToString();
        try
        {
            await using (var first = await AppHostRunner.StartAsync(dataPath))
            {
                await ExecuteAsync(await first.GetConnectionStringAsync("support"),
                    "CREATE TABLE IF NOT EXISTS restart_probe (marker text PRIMARY KEY)",
                    "INSERT INTO restart_probe VALUES (@marker)", marker);
            }

            await using var second = await AppHostRunner.StartAsync(dataPath);
            await using var connection = new NpgsqlConnection(await second.GetConnectionStringAsync("support"));
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT count(*) FROM restart_probe WHERE marker = @marker", connection);
            read.Parameters.AddWithValue("marker", marker);

            Assert.Equal(1L, await read.ExecuteScalarAsync());
        }
        finally
        {
            AppHostRunner.DeleteDataPath(dataPath);
        }
    }

    private static async Task ExecuteAsync(string? connectionString, string create, string insert, string marker)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(create, connection))
        {
            await command.ExecuteNonQueryAsync();
        }
        await using var write = new NpgsqlCommand(insert, connection);
        write.Parameters.AddWithValue("marker", marker);
        await write.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RestartCollection
{
    public const string Name = "apphost restart";
}
