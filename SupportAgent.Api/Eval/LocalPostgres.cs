using Npgsql;

namespace SupportAgent.Api.Eval;

/// <summary>
/// A throw-away PostgreSQL cluster: initdb into a fresh folder (about 2 s) and the server on a loopback port.
/// initdb and postgres refuse to run as root, so as root they run as the <c>postgres</c> user (as the AppHost does).
/// </summary>
internal static class LocalPostgres
{
    private const string User = "postgres";

    public static async Task<ChildProcess> StartAsync(string dataDirectory, int port, string logs, CancellationToken ct)
    {
        var binaries = FindBinaries();
        Directory.CreateDirectory(dataDirectory);
        if (Environment.IsPrivilegedProcess) await ChildProcess.RunAsync("chown", ["-R", $"{User}:{User}", dataDirectory], null, ct);
        var (initdb, initArgs) = AsPostgresUser([Path.Combine(binaries, "initdb"), "-D", dataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await ChildProcess.RunAsync(initdb, initArgs, dataDirectory, ct);

        var (command, args) = AsPostgresUser([
            Path.Combine(binaries, "postgres"), "-D", dataDirectory, "-p", $"{port}",
            "-c", "listen_addresses=127.0.0.1",
            // No unix socket: its default folder belongs to the system cluster, and TCP is all the services use.
            "-c", "unix_socket_directories=",
            "-c", "max_connections=200",
            // A throw-away cluster: durability buys nothing here and costs time on a busy machine.
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        ]);
        return ChildProcess.Start("postgres", command, args, dataDirectory, new Dictionary<string, string?>(), logs, stopSignal: "INT");
    }

    public static async Task WaitReadyAsync(int port, ChildProcess server, CancellationToken ct)
    {
        var connectionString = $"Host=127.0.0.1;Port={port};Username={User};Database=postgres;Pooling=false;Timeout=3";
        for (var attempt = 0; ; attempt++)
        {
            if (server.HasExited) throw new InvalidOperationException($"PostgreSQL exited while starting:\n{server.Tail()}");
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && attempt < 120 && !ct.IsCancellationRequested)
            {
                await Task.Delay(500, ct);
            }
        }
    }

    private static (string Command, string[] Args) AsPostgresUser(string[] commandLine) =>
        Environment.IsPrivilegedProcess
            ? ("setpriv", [$"--reuid={User}", $"--regid={User}", "--init-groups", "--", .. commandLine])
            : (commandLine[0], commandLine[1..]);

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("POSTGRES_BIN") is { Length: > 0 } configured) return configured;
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")))
            : null;
        return found ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries under /usr/lib/postgresql (scripts/prerequisites.sh installs them), and POSTGRES_BIN is not set. " +
            "Or run the eval against a running app with --api URL.");
    }
}
