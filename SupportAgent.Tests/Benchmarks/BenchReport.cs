using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Benchmarks;

/// <summary>
/// One benchmark's figures: printed to the test output as they come, and saved as <c>NAME.md</c> and
/// <c>NAME.json</c> under <c>artifacts/bench/</c> (or <c>SUPPORTAGENT_BENCH_OUT</c>), which scripts/bench.sh prints.
/// </summary>
public sealed class BenchReport(string name, ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly StringBuilder _markdown = new();
    private readonly Dictionary<string, object?> _data = new();

    public void Line(string text = "")
    {
        _markdown.AppendLine(text);
        output.WriteLine(text);
    }

    public void Data(string key, object? value) => _data[key] = value;

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Line("| " + string.Join(" | ", header) + " |");
        Line("|" + string.Concat(header.Select(_ => " ---: |")));
        foreach (var row in rows) Line("| " + string.Join(" | ", row) + " |");
        Line();
    }

    public async Task SaveAsync()
    {
        var folder = OutputFolder();
        Directory.CreateDirectory(folder);
        _data["benchmark"] = name;
        _data["recordedAt"] = DateTimeOffset.UtcNow;
        _data["machine"] = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() };
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".md"), _markdown.ToString());
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(_data, Json));
        output.WriteLine($"(saved {Path.Combine(folder, name)}.md and .json)");
    }

    public static string OutputFolder()
    {
        if (Environment.GetEnvironmentVariable("SUPPORTAGENT_BENCH_OUT") is { Length: > 0 } configured) return configured;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportAgent.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? Directory.GetCurrentDirectory(), "artifacts", "bench");
    }
}
