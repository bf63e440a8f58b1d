using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SupportAgent.Api.Eval;

/// <summary>Model settings the Api of a local stack is started with; empty means the offline engine.</summary>
public sealed record ModelChoice(string Provider, string? Endpoint, string? Model, string? Key, bool OfflineRouter, decimal? PriceIn, decimal? PriceOut)
{
    public static readonly ModelChoice Offline = new("Offline", null, null, null, true, null, null);

    public string Describe() => Provider == "Offline" ? "offline engine" : $"{Provider} {Model} at {Endpoint}{(OfflineRouter ? " (offline router)" : "")}";
}

/// <summary>
/// The whole app on this machine for one eval run, as the AppHost's local-process mode runs it: a fresh PostgreSQL
/// cluster and a redis-server on free loopback ports, then MockBackends, ToolsService and the Api as child processes
/// (their builds beside this one). Every run starts from the seeded world; everything is removed afterwards.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly List<ChildProcess> _processes = [];
    private readonly bool _keep;

    private LocalStack(string root, bool keep)
    {
        Root = root;
        _keep = keep;
    }

    public string Root { get; }
    public Uri Api { get; private set; } = null!;
    public Uri Backends { get; private set; } = null!;
    /// <summary>The key MockBackends checks service tokens with, so the eval can read the world from it.</summary>
    public string BackendsKey { get; private set; } = null!;

    public static async Task<LocalStack> StartAsync(ModelChoice model, bool keep, TextWriter log, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), "supportagent-eval", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
        var stack = new LocalStack(root, keep);
        try
        {
            await stack.StartAllAsync(model, log, ct);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(ModelChoice model, TextWriter log, CancellationToken ct)
    {
        var logs = Directory.CreateDirectory(Path.Combine(Root, "logs")).FullName;
        var projects = SiblingProjects.Locate();
        await projects.EnsureBuiltAsync(log, ct);

        log.WriteLine($"Starting PostgreSQL and Redis in {Root} ...");
        var pgPort = FreePort();
        var postgres = await LocalPostgres.StartAsync(Path.Combine(Root, "postgres"), pgPort, logs, ct);
        _processes.Add(postgres);
        var redisPort = FreePort();
        _processes.Add(ChildProcess.Start("redis", "redis-server",
            ["--port", $"{redisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"],
            Root, new Dictionary<string, string?>(), logs));
        await LocalPostgres.WaitReadyAsync(pgPort, postgres, ct);

        string Database(string name) => $"Host=127.0.0.1;Port={pgPort};Username=postgres;Database={name}";
        static string NewKey() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var (signingKey, toolsKey) = (NewKey(), NewKey());
        BackendsKey = NewKey();
        var backendsUrl = $"http://127.0.0.1:{FreePort()}";
        var toolsUrl = $"http://127.0.0.1:{FreePort()}";
        var apiUrl = $"http://127.0.0.1:{FreePort()}";

        log.WriteLine("Starting MockBackends, ToolsService and the Api ...");
        var services = new[]
        {
            Service("mockbackends", projects.MockBackends, backendsUrl, logs, new()
            {
                ["ConnectionStrings__backends"] = Database("backends"),
                ["Auth__BackendsSigningKey"] = BackendsKey,
            }),
            Service("toolsservice", projects.ToolsService, toolsUrl, logs, new()
            {
                ["ConnectionStrings__support"] = Database("support"),
                ["services__mockbackends__http__0"] = backendsUrl,
                ["Auth__ToolsSigningKey"] = toolsKey,
                ["Auth__BackendsSigningKey"] = BackendsKey,
            }),
            Service("api", projects.Api, apiUrl, logs, ApiSettings(model, new()
            {
                ["ConnectionStrings__support"] = Database("support"),
                ["ConnectionStrings__redis"] = $"127.0.0.1:{redisPort}",
                ["services__toolsservice__http__0"] = toolsUrl,
                ["Auth__SigningKey"] = signingKey,
                ["Auth__ToolsSigningKey"] = toolsKey,
                ["Dev__Enabled"] = "true",
                // The suite is many customers' conversations in a few minutes: no per-customer limit may pace it.
                ["Limits__MessagesPerMinute"] = "10000",
                ["Limits__DailySpendCapDollars"] = "1000",
            })),
        };
        _processes.AddRange(services);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (service, url) in services.Zip([backendsUrl, toolsUrl, apiUrl]))
            await WaitHealthyAsync(http, service, url, ct);
        Backends = new Uri(backendsUrl);
        Api = new Uri(apiUrl);
        log.WriteLine($"Ready: Api {apiUrl}, MockBackends {backendsUrl}, logs in {logs}");
    }

    private static Dictionary<string, string?> ApiSettings(ModelChoice model, Dictionary<string, string?> settings)
    {
        foreach (var role in new[] { "Agent", "Router" })
        {
            if (model.Provider == "Offline" || role == "Router" && model.OfflineRouter) continue;
            settings[$"Models__{role}__Provider"] = model.Provider;
            settings[$"Models__{role}__Endpoint"] = model.Endpoint;
            settings[$"Models__{role}__Model"] = model.Model;
            settings[$"Models__{role}__ApiKey"] = model.Key;
            if (model.PriceIn is { } pin) settings[$"Models__{role}__InputPricePerMillion"] = pin.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (model.PriceOut is { } pout) settings[$"Models__{role}__OutputPricePerMillion"] = pout.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return settings;
    }

    private static ChildProcess Service(string name, string dll, string url, string logs, Dictionary<string, string?> settings)
    {
        settings["ASPNETCORE_URLS"] = url;
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        settings["DOTNET_ENVIRONMENT"] = "Development";
        // Whatever launched the eval (dotnet run, an IDE) must not leak its own address or telemetry target into the children.
        foreach (var inherited in new[] { "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "OTEL_EXPORTER_OTLP_ENDPOINT", "DOTNET_LAUNCH_PROFILE" })
            settings[inherited] = null;
        return ChildProcess.Start(name, "dotnet", [dll], Path.GetDirectoryName(dll)!, settings, logs);
    }

    private static async Task WaitHealthyAsync(HttpClient http, ChildProcess process, string url, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.Name} exited while starting:\n{process.Tail()}");
            try
            {
                using var response = await http.GetAsync($"{url}/health", ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }
            if (watch.Elapsed > StartTimeout)
                throw new TimeoutException($"{process.Name} was not healthy after {StartTimeout.TotalMinutes} minutes:\n{process.Tail()}");
            await Task.Delay(500, ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // The services first, then the servers they use.
        for (var i = _processes.Count - 1; i >= 0; i--) await _processes[i].DisposeAsync();
        _processes.Clear();
        NpgsqlConnection.ClearAllPools();
        if (_keep) return;
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A server still letting go of a file; the folder is under the temp directory.
        }
    }
}
