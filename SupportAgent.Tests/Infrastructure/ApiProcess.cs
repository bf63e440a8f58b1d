using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>
/// The Api's operating-system process in this test's AppHost: found from the resource snapshot's
/// <c>executable.pid</c> (DCP's record of what it started), checked against <c>/proc</c>, and killed with SIGKILL,
/// so nothing in the Api gets to run a shutdown hook, flush or roll back.
/// </summary>
public sealed class ApiProcess(DistributedApplication app, string resource = "api")
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The pid of the running Api (the SupportAgent.Api process, not a wrapper DCP may have started it with).</summary>
    public async Task<int> PidAsync(CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Patience);
        await foreach (var e in app.ResourceNotifications.WatchAsync(cts.Token))
        {
            if (e.Resource.Name != resource || e.Snapshot.State?.Text != KnownResourceStates.Running) continue;
            var pid = e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
            if (pid is null || !int.TryParse(pid.ToString(), out var id)) continue;
            if (ApiPidUnder(id) is { } api) return api;
        }
        throw new TimeoutException($"No running {resource} process found.");
    }

    /// <summary>SIGKILL (Process.Kill sends SIGKILL on Unix); returns the pid that was killed.</summary>
    public async Task<int> KillAsync()
    {
        var pid = await PidAsync();
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        return pid;
    }

    /// <summary>Starts the Api again with Aspire's <c>resource-start</c> command once DCP has seen it die, and waits until healthy.</summary>
    public async Task StartAsync(int killedPid)
    {
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, cts.Token);
            if (result.Success) break;
            // Until DCP has noticed the exit, the resource still counts as running and cannot be started.
            await Task.Delay(250, cts.Token);
        }
        while (true)
        {
            var pid = await PidAsync(cts.Token);
            if (pid != killedPid) break;
            await Task.Delay(250, cts.Token);
        }
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
    }

    private static int? ApiPidUnder(int pid)
    {
        if (IsApi(pid)) return pid;
        foreach (var child in Children(pid))
        {
            if (ApiPidUnder(child) is { } found) return found;
        }
        return null;
    }

    private static bool IsApi(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains("SupportAgent.Api", StringComparison.Ordinal) && !cmdline.Contains(" run ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        var children = $"/proc/{pid}/task/{pid}/children";
        if (!File.Exists(children)) return [];
        try
        {
            return File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
