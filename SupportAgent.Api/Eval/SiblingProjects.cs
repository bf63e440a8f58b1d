namespace SupportAgent.Api.Eval;

/// <summary>
/// The builds of MockBackends and ToolsService beside this Api's (same configuration and target framework), built
/// first when missing or older than their sources, so <c>dotnet run --project SupportAgent.Api -- eval</c> works on
/// a fresh checkout.
/// </summary>
internal sealed record SiblingProjects(string Root, string Configuration, string Api, string MockBackends, string ToolsService)
{
    public static SiblingProjects Locate()
    {
        var apiDll = typeof(SiblingProjects).Assembly.Location;
        var output = Path.GetDirectoryName(apiDll)!;
        var root = new DirectoryInfo(output);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SupportAgent.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"The eval runs from a checkout: no SupportAgent.sln above {output}.");

        // .../SupportAgent.Api/bin/<configuration>/<tfm>/
        var relative = Path.GetRelativePath(Path.Combine(root.FullName, "SupportAgent.Api"), output);
        var parts = relative.Split(Path.DirectorySeparatorChar);
        if (parts.Length < 3 || parts[0] != "bin") throw new InvalidOperationException($"Unexpected build output folder {output}.");
        string Dll(string project) => Path.Combine(root.FullName, project, relative, $"{project}.dll");
        return new SiblingProjects(root.FullName, parts[1], apiDll, Dll("SupportAgent.MockBackends"), Dll("SupportAgent.ToolsService"));
    }

    public async Task EnsureBuiltAsync(TextWriter log, CancellationToken ct)
    {
        foreach (var (project, dll) in new[] { ("SupportAgent.MockBackends", MockBackends), ("SupportAgent.ToolsService", ToolsService) })
        {
            if (IsCurrent(dll, Path.Combine(Root, project)) && IsCurrent(dll, Path.Combine(Root, "SupportAgent.ServiceDefaults"))) continue;
            log.WriteLine($"Building {project} ({Configuration}) ...");
            await ChildProcess.RunAsync("dotnet", ["build", Path.Combine(Root, project, $"{project}.csproj"), "-c", Configuration, "-nologo", "-v", "quiet"], Root, ct);
        }
    }

    private static bool IsCurrent(string dll, string projectDirectory)
    {
        if (!File.Exists(dll)) return false;
        var built = File.GetLastWriteTimeUtc(dll);
        string[] inputs = [".cs", ".csproj", ".sql", ".md"];
        return !Directory.EnumerateFiles(projectDirectory, "*", SearchOption.AllDirectories)
            .Where(f => inputs.Contains(Path.GetExtension(f)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Any(f => File.GetLastWriteTimeUtc(f) > built);
    }
}
