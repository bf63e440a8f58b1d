namespace SupportAgent.Tests.Benchmarks;

/// <summary>
/// A benchmark: an xunit fact that runs only when <c>SUPPORTAGENT_BENCH=1</c> (scripts/bench.sh sets it). Otherwise it
/// is reported as skipped and costs nothing, so the test suite never times anything. Benchmarks print figures; they
/// assert that the work succeeded, never how long it took.
/// </summary>
public sealed class BenchFactAttribute : FactAttribute
{
    public const string Variable = "SUPPORTAGENT_BENCH";

    public BenchFactAttribute()
    {
        if (!Enabled) Skip = $"Benchmark: runs only with {Variable}=1 (scripts/bench.sh).";
        Timeout = 0;
    }

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";
}
