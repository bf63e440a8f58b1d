using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Benchmarks;

/// <summary>
/// The whole app (AppHost, local PostgreSQL and Redis, a fresh data folder) with per-customer limits raised out of
/// the way, so a benchmark measures turns and not 429s; optionally with both model roles on an OpenAI-compatible
/// endpoint. Knows the seeded customers and their orders, and keeps one signed-in client per customer.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly string _dataPath;
    private readonly ConcurrentDictionary<string, Task<SupportClient>> _clients = new();

    private BenchApp(string dataPath, DistributedApplication app, IReadOnlyList<SeededCustomer> customers)
    {
        _dataPath = dataPath;
        App = app;
        Customers = customers;
    }

    public DistributedApplication App { get; }

    public IReadOnlyList<SeededCustomer> Customers { get; }

    /// <param name="modelEndpoint">Both roles' OpenAI-compatible endpoint (ending in /v1); null keeps the offline engine.</param>
    public static async Task<BenchApp> StartAsync(Uri? modelEndpoint = null)
    {
        var dataPath = AppHostRunner.NewDataPath();
        var app = await AppHostRunner.StartAsync(dataPath, builder =>
        {
            var api = builder.CreateResourceBuilder<ProjectResource>("api")
                .WithEnvironment("Limits__MessagesPerMinute", "100000")
                .WithEnvironment("Limits__DailySpendCapDollars", "1000000")
                .WithEnvironment("Logging__LogLevel__Default", "Warning");
            // SUPPORTAGENT_BENCH_API_POOL: the Api's Npgsql Maximum Pool Size (default 100), to see what the turn-lock
            // slots (three quarters of the pool) cost at high concurrency.
            if (int.TryParse(Environment.GetEnvironmentVariable("SUPPORTAGENT_BENCH_API_POOL"), out var pool))
            {
                var support = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "support");
                api.WithEnvironment("ConnectionStrings__support",
                    ReferenceExpression.Create($"{support.ConnectionStringExpression};Maximum Pool Size={pool.ToString()}"));
            }
            // SUPPORTAGENT_BENCH_PREFETCH_WAIT: the Api's Graph:PrefetchWaitSeconds; 0 turns ROUTE's reads off, to
            // measure what they save (model calls before the first text, first response).
            if (Environment.GetEnvironmentVariable("SUPPORTAGENT_BENCH_PREFETCH_WAIT") is { Length: > 0 } wait)
                api.WithEnvironment("Graph__PrefetchWaitSeconds", wait);
            if (modelEndpoint is null) return;
            foreach (var role in new[] { "Router", "Agent" })
            {
                api.WithEnvironment($"Models__{role}__Provider", "OpenAI")
                   .WithEnvironment($"Models__{role}__Endpoint", modelEndpoint.ToString())
                   .WithEnvironment($"Models__{role}__ApiKey", "bench-key")
                   .WithEnvironment($"Models__{role}__Model", $"fake-{role.ToLowerInvariant()}");
            }
        });
        try
        {
            using var http = app.CreateHttpClient("api", "http");
            var customers = (await http.GetFromJsonAsync<JsonElement>("/api/dev/customers")).EnumerateArray()
                .Select(c => new SeededCustomer(
                    c.GetProperty("id").GetString()!,
                    c.GetProperty("orders").EnumerateArray()
                        .Select(o => new SeededOrder(o.GetProperty("id").ToString(), o.GetProperty("status").GetString()!, o.GetProperty("total").GetDecimal()))
                        .ToList()))
                .ToList();
            return new BenchApp(dataPath, app, customers);
        }
        catch
        {
            await app.DisposeAsync();
            AppHostRunner.DeleteDataPath(dataPath);
            throw;
        }
    }

    public Task<SupportClient> ClientAsync(string customerId) =>
        _clients.GetOrAdd(customerId, id => SupportClient.SignInAsync(App, id));

    public async Task<string> ConnectionStringAsync(string name) =>
        await App.GetConnectionStringAsync(name) ?? throw new InvalidOperationException($"No connection string {name}.");

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            if (client.IsCompletedSuccessfully) client.Result.Http.Dispose();
        }
        await App.DisposeAsync();
        AppHostRunner.DeleteDataPath(_dataPath);
    }
}

public sealed record SeededCustomer(string Id, IReadOnlyList<SeededOrder> Orders);

public sealed record SeededOrder(string Id, string Status, decimal Total);
