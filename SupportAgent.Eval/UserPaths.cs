namespace SupportAgent.Eval;

/// <summary>
/// Relative paths on the command line mean the caller's directory. <c>dotnet run</c> starts a web project in its own
/// folder, so the shell's directory (<c>PWD</c>) is tried too, and for scenarios the checkout's root.
/// </summary>
internal static class UserPaths
{
    public static string CallerDirectory =>
        Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && System.IO.Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory;

    public static string Directory(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var candidates = new[] { CallerDirectory, Environment.CurrentDirectory, RepositoryRoot() }.OfType<string>();
        return candidates.Select(root => Path.GetFullPath(Path.Combine(root, path))).FirstOrDefault(System.IO.Directory.Exists)
            ?? Path.GetFullPath(Path.Combine(CallerDirectory, path));
    }

    public static string File(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(CallerDirectory, path));

    private static string? RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "SupportAgent.sln"))) dir = dir.Parent;
        return dir?.FullName;
    }
}
