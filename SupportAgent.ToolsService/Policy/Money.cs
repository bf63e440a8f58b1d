using System.Globalization;

namespace SupportAgent.ToolsService.Policy;

/// <summary>Policy arithmetic is in cents; dollars only at the edges (JSON, messages).</summary>
public static class Money
{
    public static long ToCents(decimal dollars) => (long)decimal.Round(dollars * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal ToDollars(long cents) => cents / 100m;

    /// <summary>"$1,250.00": customers read these in messages.</summary>
    public static string Format(long cents) =>
        (cents < 0 ? "-$" : "$") + (Math.Abs(cents) / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);
}
