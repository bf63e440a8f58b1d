using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and Redis as local processes, for machines without a container engine. Data lives in
/// <c>Infrastructure:DataPath</c> (default <c>.data</c> beside the AppHost), so it survives restarts.
/// </summary>
internal static class LocalServers
{
    private const string PostgresUser = "postgres";

    public static SupportInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var dataPath = Path.GetFullPath(builder.Configuration["Infrastructure:DataPath"]
            ?? Path.Combine(builder.AppHostDirectory, ".data"));
        var postgres = AddPostgres(builder, Path.Combine(dataPath, "postgres"));
        var redis = AddRedis(builder, Path.Combine(dataPath, "redis"));

        var endpoint = postgres.GetEndpoint("tcp");
        ReferenceExpression Database(string name) => ReferenceExpression.Create(
            $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={PostgresUser};Database={name}");

        builder.Services.AddSingleton(new LocalPostgresHealthCheck(Database("postgres")));
        builder.Services.AddHealthChecks().AddCheck<LocalPostgresHealthCheck>("postgres-accepting");
        postgres.WithHealthCheck("postgres-accepting");

        return new SupportInfrastructure(
            InfrastructureMode.LocalProcesses,
            postgres,
            builder.AddConnectionString("support", Database("support")),
            builder.AddConnectionString("backends", Database("backends")),
            redis);
    }

    private static IResourceBuilder<ExecutableResource> AddPostgres(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        var binaries = builder.Configuration["Infrastructure:PostgresBin"] ?? FindPostgresBinaries();
        EnsureCluster(Path.Combine(binaries, "initdb"), dataDirectory);

        string[] serverArgs =
        [
            Path.Combine(binaries, "postgres"), "-D", dataDirectory,
            "-c", "listen_addresses=127.0.0.1",
            // No unix socket: its default folder belongs to the system cluster, and TCP is all the services use.
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
        ];
        var (command, args) = AsPostgresUser(serverArgs);
        return builder.AddExecutable("postgres", command, dataDirectory, args)
            // postgres reads PGPORT, so DCP can allocate the port.
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "PGPORT");
    }

    private static IResourceBuilder<LocalRedisResource> AddRedis(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var redis = new LocalRedisResource("redis", dataDirectory);
        builder.Services.AddSingleton(new LocalRedisHealthCheck(redis.ConnectionStringExpression));
        builder.Services.AddHealthChecks().AddCheck<LocalRedisHealthCheck>("redis-accepting");
        var tcp = redis.PrimaryEndpoint;
        return builder.AddResource(redis)
            .WithEndpoint(name: "tcp", scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(tcp.Property(EndpointProperty.TargetPort));
                foreach (var arg in new[] { "--bind", "127.0.0.1", "--dir", dataDirectory, "--appendonly", "yes", "--protected-mode", "no" })
                {
                    context.Args.Add(arg);
                }
            })
            .WithHealthCheck("redis-accepting");
    }

    /// <summary>initdb once per data folder (about 2 s); later starts reuse the cluster and its data.</summary>
    private static void EnsureCluster(string initdb, string dataDirectory)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }
        Directory.CreateDirectory(dataDirectory);
        if (Environment.IsPrivilegedProcess)
        {
            Run("chown", ["-R", $"{PostgresUser}:{PostgresUser}", dataDirectory]);
        }
        var (command, args) = AsPostgresUser([initdb, "-D", dataDirectory, "-U", PostgresUser, "--auth=trust", "-E", "UTF8", "--locale=C"]);
        Run(command, args);
    }

    /// <summary>initdb and postgres refuse to run as root; setpriv execs, so DCP still tracks the real server process.</summary>
    private static (string Command, string[] Args) AsPostgresUser(string[] commandLine) =>
        Environment.IsPrivilegedProcess
            ? ("setpriv", [$"--reuid={PostgresUser}", $"--regid={PostgresUser}", "--init-groups", "--", .. commandLine])
            : (commandLine[0], commandLine[1..]);

    private static string FindPostgresBinaries()
    {
        var root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres")))
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries under /usr/lib/postgresql. Install postgresql (the run script does), " +
                "set Infrastructure:PostgresBin, or set Infrastructure:Mode=Containers.");
    }

    private static void Run(string command, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {stderr.Result}");
        }
    }
}
