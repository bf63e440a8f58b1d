using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Faults;

/// <summary>
/// The fault suite's own AppHost (own data folder, so its kills, restarts and refunds touch no other suite), with
/// limits out of the way: the suite sends hundreds of messages per customer and must not measure the rate limiter.
/// </summary>
public sealed class FaultsFixture : IAsyncLifetime
{
    private readonly string _dataPath = AppHostRunner.NewDataPath();
    private readonly Dictionary<string, SupportClient> _clients = [];

    public DistributedApplication App { get; private set; } = null!;
    public ApiProcess Api { get; private set; } = null!;
    public BackendsClient Backends { get; private set; } = null!;
    public IReadOnlyList<SeededOrder> Orders { get; private set; } = [];
    public string SupportDb { get; private set; } = "";
    public string BackendsDb { get; private set; } = "";

    /// <summary>When the suite started: refunds after it are the suite's own.</summary>
    public DateTime StartedAt { get; } = DateTime.UtcNow;

    public async Task InitializeAsync()
    {
        App = await AppHostRunner.StartAsync(_dataPath, builder =>
        {
            builder.CreateResourceBuilder<ProjectResource>("api")
                .WithEnvironment("Limits__MessagesPerMinute", "100000")
                .WithEnvironment("Limits__DailySpendCapDollars", "100000")
                .WithEnvironment("Limits__ThreadsPerMinute", "100000")
                .WithEnvironment("Limits__EventStreamsPerCustomer", "1000")
                // A killed Api's turns are taken over soon after its restart (the suite kills it dozens of times).
                .WithEnvironment("Turns__LeaseSeconds", "6")
                .WithEnvironment("Turns__RecoveryIntervalSeconds", "2");
            // The suite refunds hundreds of orders of a few dozen customers in one day; the daily ceiling has its own
            // test (Tools/MoneyActionTests) and must not turn these refunds into approvals.
            builder.CreateResourceBuilder<ProjectResource>("toolsservice")
                .WithEnvironment("Refunds__DailyAutoRefundCeilingDollars", "10000000");
        });
        Api = new ApiProcess(App);
        Backends = new BackendsClient(App.CreateBackendsHttpClient());
        Orders = await Backends.OrdersAsync();
        // No pooling: PostgreSQL is killed and restarted by some tests, and a pooled connection would be a dead one.
        SupportDb = await App.GetConnectionStringAsync("support") + ";Pooling=false";
        BackendsDb = await App.GetConnectionStringAsync("backends") + ";Pooling=false";
    }

    /// <summary>One signed-in client per subject; a token lives 8 hours and survives Api restarts.</summary>
    public async Task<SupportClient> ClientAsync(string subject, string role = "customer")
    {
        var key = $"{role}:{subject}";
        lock (_clients)
        {
            if (_clients.TryGetValue(key, out var known)) return known;
        }
        var client = await SupportClient.SignInAsync(App, subject, role);
        lock (_clients) _clients[key] = client;
        return client;
    }

    /// <summary>Waits until the Api answers its health endpoint (after a restart of it or of a dependency).</summary>
    public async Task WaitForApiAsync(TimeSpan? timeout = null)
    {
        using var http = App.CreateHttpClient("api", "http");
        http.Timeout = TimeSpan.FromSeconds(5);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/health", cts.Token);
                if ((int)response.StatusCode < 500) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cts.IsCancellationRequested)
            {
            }
            await Task.Delay(250, cts.Token);
        }
    }

    /// <summary>SIGKILLs the Api and starts it again; returns how long it was away.</summary>
    public async Task<TimeSpan> KillAndRestartApiAsync()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var pid = await Api.KillAsync();
        await Api.StartAsync(pid);
        await WaitForApiAsync();
        return started.Elapsed;
    }

    public async Task RestartAsync(string resource)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.RestartCommand);
        Assert.True(result.Success, result.ErrorMessage);
        using var cts = new CancellationTokenSource(AppHostRunner.StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
    }

    /// <summary>Refunds the payments provider recorded for an order since the suite started.</summary>
    public async Task<IReadOnlyList<(string Id, long AmountCents)>> RefundsSinceStartAsync(long orderId)
    {
        await using var c = new NpgsqlConnection(BackendsDb);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id, amount_cents FROM refunds WHERE order_id = @o AND created_at >= @t ORDER BY created_at", c);
        cmd.Parameters.AddWithValue("o", orderId);
        cmd.Parameters.AddWithValue("t", StartedAt);
        var rows = new List<(string, long)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }

    /// <summary>Per order, dollars refunded since the suite started.</summary>
    public async Task<Dictionary<long, decimal>> RefundedSinceStartAsync()
    {
        await using var c = new NpgsqlConnection(BackendsDb);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT order_id, sum(amount_cents) FROM refunds WHERE created_at >= @t GROUP BY order_id", c);
        cmd.Parameters.AddWithValue("t", StartedAt);
        var totals = new Dictionary<long, decimal>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) totals[reader.GetInt64(0)] = reader.GetInt64(1) / 100m;
        return totals;
    }

    /// <summary>The stored messages of a thread as (role, text), read through the Api like the customer would.</summary>
    public static async Task<List<(string Role, string Text)>> MessagesAsync(SupportClient client, string thread)
    {
        var view = await client.Http.GetFromJsonAsync<JsonElement>($"/api/threads/{thread}");
        return view.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("text").GetString()!)).ToList();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        AppHostRunner.DeleteDataPath(_dataPath);
    }
}

/// <summary>One collection, run alone: its tests kill and restart processes the others would trip over.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection : ICollectionFixture<FaultsFixture>
{
    public const string Name = "faults";
}
