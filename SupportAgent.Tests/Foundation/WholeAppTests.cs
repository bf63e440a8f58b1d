using System.Net;
using System.Text.Json;
using Npgsql;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Foundation;

[Collection(WholeAppCollection.Name)]
public sealed class WholeAppTests(WholeAppFixture fixture)
{
    [Theory]
    [InlineData("api")]
    [InlineData("toolsservice")]
    [InlineData("mockbackends")]
    public async Task Every_service_reports_healthy_with_its_dependencies(string service)
    {
        using var http = fixture.App.CreateHttpClient(service);

        using var alive = await http.GetAsync("/alive");
        using var health = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_readiness_includes_postgres_and_redis()
    {
        using var http = fixture.App.CreateHttpClient("api");

        using var report = JsonDocument.Parse(await http.GetStringAsync("/health"));

        var checks = report.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToList();
        Assert.Contains(checks, c => c.Contains("PostgreSql", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(checks, c => c.Contains("Redis", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("support")]
    [InlineData("backends")]
    public async Task Each_database_exists_and_accepts_queries(string database)
    {
        var connectionString = await fixture.App.GetConnectionStringAsync(database);


        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal(database, await command.ExecuteScalarAsync());
    }
}
