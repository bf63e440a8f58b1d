namespace SupportAgent.MockBackends.Persistence.Seed;

/// <summary>How Northwind Goods ships; the help-center articles quote the same carriers and transit times.</summary>
public sealed record ShippingMethod(string Name, string Carrier, string TrackingPrefix, int MinTransitDays, int MaxTransitDays)
{
    public static readonly ShippingMethod Standard = new("standard", "NorthPost", "NP", 5, 7);
    public static readonly ShippingMethod Expedited = new("expedited", "SwiftLine Express", "SLX", 2, 3);
    public static readonly ShippingMethod Overnight = new("overnight", "SwiftLine Express", "SLX", 1, 1);
    public static readonly ShippingMethod International = new("international", "Meridian Global", "MG", 7, 14);

    public static ShippingMethod ByName(string name) => name switch
    {
        "standard" => Standard,
        "expedited" => Expedited,
        "overnight" => Overnight,
        "international" => International,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown shipping method."),
    };

    /// <summary>Unique per order: the multiplier is coprime with 10^10, so distinct order ids give distinct numbers.</summary>
    public string TrackingNumberFor(long orderId) => $"{TrackingPrefix}{orderId * 7_919_113 % 10_000_000_000:D10}";
}
