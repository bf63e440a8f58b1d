using System.Text.RegularExpressions;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Benchmarks;

/// <summary>The offline router on its own: held-out accuracy and time per classification (Routing/RouterBenchmark).</summary>
public sealed partial class RouterBenchmarks(ITestOutputHelper output)
{
    [BenchFact]
    public async Task Offline_router_accuracy_and_latency()
    {
        var report = new BenchReport("router", output);
        var text = new StringWriter();
        var exitCode = RouterBenchmark.Run(text);
        var printed = text.ToString();

        report.Line($"`RouterBenchmark.Run` (exit code {exitCode}; 1 means a held-out accuracy under {RouterBenchmark.MinimumAccuracy:P0}):");
        report.Line();
        report.Line("```text");
        foreach (var line in printed.TrimEnd().Split('\n')) report.Line(line.TrimEnd());
        report.Line("```");
        report.Line();
        report.Data("exitCode", exitCode);
        report.Data("heldOutAccuracy", Capture(Accuracy(), printed));
        report.Data("oldHeldOutAccuracy", Capture(OldAccuracy(), printed));
        report.Data("singleThreadLatencyMs", Capture(SingleThread(), printed));
        report.Data("report", printed);
        await report.SaveAsync();
        Assert.Contains("router-heldout accuracy", printed);
    }

    private static string? Capture(Regex regex, string text) => regex.Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    [GeneratedRegex(@"router-heldout accuracy\s+([\d.,]+\s*%)")]
    private static partial Regex Accuracy();

    [GeneratedRegex(@"intents\.heldout\.tsv accuracy\s+([\d.,]+\s*%)")]
    private static partial Regex OldAccuracy();

    [GeneratedRegex(@"1 thread\s+\d+\s+([\d.,]+)ms")]
    private static partial Regex SingleThread();
}
