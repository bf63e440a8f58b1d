namespace SupportAgent.Tests.Benchmarks;

/// <summary>Percentiles (nearest rank) of a set of samples, in the unit they were given in.</summary>
public sealed record Distribution(int Count, double P50, double P95, double P99, double Min, double Max, double Mean)
{
    public static readonly Distribution Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static Distribution Of(IEnumerable<double> samples)
    {
        var sorted = samples.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return Empty;
        return new Distribution(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99),
            sorted[0], sorted[^1], sorted.Average());
    }

    private static double Rank(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string Ms(double value) => double.IsFinite(value) ? value.ToString("F0") : "-";
}
