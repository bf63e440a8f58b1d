namespace SupportAgent.Api.Limits;

/// <summary>Money as whole micro-dollars and the UTC day a spend belongs to; Redis counts integers atomically.</summary>
internal static class SpendDay
{
    private const decimal MicrosPerDollar = 1_000_000m;

    public static long ToMicros(decimal dollars)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dollars);
        return (long)decimal.Round(dollars * MicrosPerDollar, MidpointRounding.AwayFromZero);
    }

    public static decimal ToDollars(long micros) => micros / MicrosPerDollar;

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static DateTimeOffset NextMidnight(DateOnly day) =>
        new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static SpendCheck Check(long spentMicros, decimal cap, DateOnly day, TimeProvider time)
    {
        var spent = ToDollars(spentMicros);
        return spent < cap
            ? new SpendCheck(true, spent, cap, TimeSpan.Zero)
            : new SpendCheck(false, spent, cap, NextMidnight(day) - time.GetUtcNow());
    }
}
