using System.Diagnostics;

namespace SupportAgent.AppHost.Infrastructure;

/// <summary>Where PostgreSQL and Redis come from. One setting, <c>Infrastructure:Mode</c>, forces a mode; <c>Auto</c> probes.</summary>
public enum InfrastructureMode
{
    Auto,
    /// <summary>Aspire's PostgreSQL and Redis container integrations.</summary>
    Containers,
    /// <summary>The machine's own <c>postgres</c> and <c>redis-server</c> binaries as executable resources.</summary>
    LocalProcesses,
}

public static class ContainerRuntimeProbe
{
    /// <summary>
    /// Asks the container runtime whether its engine answers. Aspire's own runtime resolver only exists after
    /// Build(), too late to choose between container and executable resources, so this asks the CLI directly.
    /// </summary>
    public static bool EngineAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no CLI at all
        }
    }
}
