using System.Diagnostics;

namespace SupportAgent.Api.Eval;

/// <summary>A server the eval started: its output goes to a log file, and it is stopped with the eval.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _stopSignal;

    private ChildProcess(string name, Process process, StreamWriter log, string logPath, string stopSignal)
    {
        Name = name;
        _stopSignal = stopSignal;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string command, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, string logDirectory, string stopSignal = "TERM")
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(name, process, log, logPath, stopSignal);
    }

    /// <summary>Runs a command to completion (initdb, dotnet build) and throws with its output when it fails.</summary>
    public static async Task RunAsync(string command, IEnumerable<string> args, string? workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    public string Tail(int lines = 20)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join("\n", reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // A polite signal first (PostgreSQL: fast shutdown on INT; the services stop gracefully on TERM).
                await RunAsync("kill", [$"-{_stopSignal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, CancellationToken.None);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Gone already, or deaf to the signal: make sure it is gone.
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process printed while it was being stopped.
            }
        }
    }
}
