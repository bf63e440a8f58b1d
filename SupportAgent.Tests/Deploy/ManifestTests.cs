using System.Diagnostics;
using System.Text.Json;

namespace SupportAgent.Tests.Deploy;

/// <summary>
/// The Aspire manifest azd deploys from (DEPLOY.md): generated offline by the AppHost's manifest publisher exactly as
/// the README says, then checked resource by resource.
/// </summary>
public sealed class ManifestTests : IAsyncLifetime
{
    private const string PlantedSecret = "planted-model-key-must-never-appear";
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "supportagent-manifest", Guid.NewGuid().ToString("N")[..8]);
    private JsonElement _resources;
    private string _raw = "";

    public async Task InitializeAsync()
    {
        var repo = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var output = Path.Combine(_outDir, "aspire-manifest.json");
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", Path.Combine(repo, "SupportAgent.AppHost"), "--no-build", "-c", configuration, "--",
             "--publisher", "manifest", "--output-path", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repo,
        };
        // A secret the developer has configured must not leak into the manifest.
        start.Environment["Parameters__model-key"] = PlantedSecret;
        start.Environment["Parameters__jwt-signing-key"] = PlantedSecret;
        start.Environment["Parameters__tools-signing-key"] = PlantedSecret;
        start.Environment["Parameters__backends-signing-key"] = PlantedSecret;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, $"manifest publish failed: {await stdout}\n{await stderr}");
        _raw = await File.ReadAllTextAsync(output);
        _resources = JsonDocument.Parse(_raw).RootElement.GetProperty("resources").Clone();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_outDir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public void Publish_declares_every_resource_with_containers_for_state()
    {
        foreach (var name in new[] { "postgres", "support", "backends", "redis", "mockbackends", "toolsservice", "api" })
        {
            Assert.True(_resources.TryGetProperty(name, out _), $"manifest lacks {name}");
        }
        Assert.StartsWith("container.", Type("postgres"));
        Assert.StartsWith("container.", Type("redis"));
        // Aspire 13 writes a database as a value whose connection string builds on its server's; the services'
        // migrator creates the database on first start (the container image does not).
        foreach (var database in new[] { "support", "backends" })
        {
            Assert.Equal("value.v0", Type(database));
            Assert.Equal($"{{postgres.connectionString}};Database={database}",
                _resources.GetProperty(database).GetProperty("connectionString").GetString());
        }
        Assert.Equal("project.v0", Type("api"));
        Assert.DoesNotContain("executable", _raw);
    }

    [Fact]
    public void Only_the_api_is_reachable_from_outside()
    {
        foreach (var name in new[] { "api", "toolsservice", "mockbackends" })
        {
            var external = _resources.GetProperty(name).GetProperty("bindings").EnumerateObject()
                .Any(b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean());
            Assert.Equal(name == "api", external);
        }
    }

    [Fact]
    public void Services_reference_what_they_talk_to()
    {
        var api = Env("api");
        Assert.Contains("{support.connectionString}", api["ConnectionStrings__support"]);
        Assert.Contains("{redis.connectionString}", api["ConnectionStrings__redis"]);
        Assert.Contains(api.Keys, k => k.StartsWith("services__toolsservice__"));
        Assert.Equal("false", api["Dev__Enabled"]);
        Assert.Contains(Env("toolsservice").Keys, k => k.StartsWith("services__mockbackends__"));
        Assert.Contains("{backends.connectionString}", Env("mockbackends")["ConnectionStrings__backends"]);
    }

    [Fact]
    public void Model_endpoint_and_key_are_secret_parameters_never_clear_text()
    {
        foreach (var name in new[] { "model-endpoint", "model-key", "jwt-signing-key", "tools-signing-key", "backends-signing-key" })
        {
            var parameter = _resources.GetProperty(name);
            Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
            Assert.True(parameter.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean(), $"{name} is not secret");
        }
        Assert.Equal("{model-key.value}", Env("api")["Models__Agent__ApiKey"]);
        Assert.Equal("{model-endpoint.value}", Env("api")["Models__Router__Endpoint"]);
        Assert.DoesNotContain(PlantedSecret, _raw);
    }

    [Fact]
    public void Each_service_gets_only_the_keys_of_its_own_boundaries()
    {
        var api = Env("api");
        Assert.Equal("{jwt-signing-key.value}", api["Auth__SigningKey"]);
        Assert.Equal("{tools-signing-key.value}", api["Auth__ToolsSigningKey"]);
        Assert.DoesNotContain("Auth__BackendsSigningKey", api.Keys);

        // The ToolsService cannot mint customer or agent tokens: it never sees the Api's key.
        var tools = Env("toolsservice");
        Assert.Equal("{tools-signing-key.value}", tools["Auth__ToolsSigningKey"]);
        Assert.Equal("{backends-signing-key.value}", tools["Auth__BackendsSigningKey"]);
        Assert.DoesNotContain("Auth__SigningKey", tools.Keys);

        var backends = Env("mockbackends");
        Assert.Equal("{backends-signing-key.value}", backends["Auth__BackendsSigningKey"]);
        Assert.DoesNotContain("Auth__SigningKey", backends.Keys);
        Assert.DoesNotContain("Auth__ToolsSigningKey", backends.Keys);
    }

    private string Type(string name) => _resources.GetProperty(name).GetProperty("type").GetString()!;

    private Dictionary<string, string> Env(string name) =>
        _resources.GetProperty(name).GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportAgent.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("SupportAgent.sln not found above the test output.");
    }
}
