using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportAgent.Eval.Hosting;

/// <summary>
/// Boots the real AppHost through Aspire.Hosting.Testing in local-process mode (no Docker needed) with its own data
/// folder, for the tests and the eval alike: neither touches a developer's data, and a stop/start keeps what was written.
/// </summary>
public static class AppHostRunner
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Fixed so tests (and the eval, which reads MockBackends) can mint tokens themselves; the app they start is local
    /// and thrown away. Customer and agent tokens (the Api).
    /// </summary>
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    /// <summary>The Api's tokens for the ToolsService.</summary>
    public const string ToolsSigningKey = "test-tools-signing-key-0123456789-abcdefghijklmnopqrs";

    /// <summary>The ToolsService's service tokens for MockBackends.</summary>
    public const string BackendsSigningKey = "test-backends-signing-key-0123456789-abcdefghijklmnop";

    public static string NewDataPath(string folder = "supportagent-tests") =>
        Path.Combine(Path.GetTempPath(), folder, Guid.NewGuid().ToString("N")[..12]);

    public static Task<DistributedApplication> StartAsync(string dataPath, params string[] extraArgs) =>
        StartAsync(dataPath, configure: null, extraArgs);

    /// <param name="configure">Adjusts resources before start, e.g. settings of the Api for a test.</param>
    public static async Task<DistributedApplication> StartAsync(
        string dataPath, Action<IDistributedApplicationTestingBuilder>? configure, params string[] extraArgs)
    {
        string[] args =
        [
            "Infrastructure:Mode=LocalProcesses",
            $"Infrastructure:DataPath={dataPath}",
            $"Parameters:jwt-signing-key={SigningKey}",
            $"Parameters:tools-signing-key={ToolsSigningKey}",
            $"Parameters:backends-signing-key={BackendsSigningKey}",
            .. extraArgs,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SupportAgent_AppHost>(
            args, (options, _) => options.DisableDashboard = true);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error));
        configure?.Invoke(builder);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            // Without the dashboard nothing listens on the OTLP endpoint Aspire still hands out, and the exporter's
            // retries to it hold a stopping service past DCP's stop timeout, which fails every restart in a test.
            builder.CreateResourceBuilder(project).WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "")
                // Warnings and errors only: every service's Information logs (each SQL command, each endpoint) made
                // a test run print hundreds of thousands of lines and hid the failures.
                .WithEnvironment("Logging__LogLevel__Default", "Warning");
        }

        var app = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(StartTimeout);
        await app.StartAsync(cts.Token);
        foreach (var resource in new[] { "postgres", "redis", "mockbackends", "toolsservice", "api" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }
        return app;
    }

    public static void DeleteDataPath(string dataPath)
    {
        try
        {
            if (Directory.Exists(dataPath))
            {
                Directory.Delete(dataPath, recursive: true);
            }
        }
        catch (IOException)
        {
            // A server that is still shutting down may hold a file for a moment; the temp folder is cleaned eventually.
        }
    }
}
