using System.Text;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Faults;

/// <summary>
/// The numbers RELIABILITY.md reports, written as each test finishes: to the test's output and appended to the file
/// named by <c>FAULTS_FIGURES</c> (default: <c>supportagent-faults-figures.md</c> in the temp folder), which
/// <c>scripts/faults.sh</c> prints at the end.
/// </summary>
public static class FaultFigures
{
    private static readonly Lock Gate = new();

    public static string FilePath { get; } = Environment.GetEnvironmentVariable("FAULTS_FIGURES")
        ?? Path.Combine(Path.GetTempPath(), "supportagent-faults-figures.md");

    public static void Report(ITestOutputHelper output, string test, params string[] lines)
    {
        var text = new StringBuilder()
            .AppendLine($"### {test} ({FaultScale.Name} size, seed {FaultScale.Seed}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)")
            .AppendJoin(Environment.NewLine, lines.Select(l => $"- {l}"))
            .AppendLine()
            .AppendLine()
            .ToString();
        output.WriteLine(text);
        lock (Gate)
        {
            File.AppendAllText(FilePath, text);
        }
    }
}
