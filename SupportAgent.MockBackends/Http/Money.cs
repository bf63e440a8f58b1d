namespace SupportAgent.MockBackends.Http;

/// <summary>Cents in the database, decimal dollars on the wire.</summary>
public static class Money
{
    public const long MaxCents = 100_000_000;

    public static decimal ToDollars(long cents) => cents / 100m;

    /// <summary>Only whole cents are money: 12.345 is refused rather than silently rounded.</summary>
    public static bool TryToCents(decimal dollars, out long cents)
    {
        cents = 0;
        var scaled = dollars * 100m;
        if (scaled != decimal.Truncate(scaled) || scaled <= 0 || scaled > MaxCents)
        {
            return false;
        }
        cents = (long)scaled;
        return true;
    }
}
