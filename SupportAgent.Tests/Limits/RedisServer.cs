using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SupportAgent.Tests.Limits;

/// <summary>
/// A real <c>redis-server</c> child process on a free loopback port, without persistence, that a test can stop and
/// start again on the same port to play an outage.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private Process? _process;

    public int Port { get; } = FreePort();

    /// <summary>For <c>AddRedisClient</c>: keep retrying instead of failing when the server is down.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000";

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        // Drain its output so a full pipe never stalls it.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await PingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING.");
            }
            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Sends one raw command (RESP inline) and returns the first reply line, e.g. "+PONG" or ":42".</summary>
    public async Task<string> CommandAsync(string inline)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(inline + "\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var first = await reader.ReadLineAsync() ?? "";
        // Bulk strings come as "$len" then the value.
        return first.StartsWith('$') && first != "$-1" ? await reader.ReadLineAsync() ?? "" : first;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> PingAsync()
    {
        try
        {
            return await CommandAsync("PING") == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>One Redis per test class; tests that stop it start it again before they end.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
