namespace SupportAgent.MockBackends.Persistence.Seed;

// The generated world, before it is written. Times are UTC.

public sealed record SeedCustomer(string Id, string Name, string Email, string City, string Country, DateTime CreatedAt);

public sealed record SeedItem(string Sku, string Name, int Quantity, long UnitPriceCents);

public sealed record SeedEvent(DateTime At, string Location, string Description)
{
    /// <summary>Whole seconds: carrier scans do not need more, and it keeps stored and generated values equal.</summary>
    public DateTime At { get; } = SeedTime.ToSecond(At);
}

public sealed record SeedShipment(
    string Carrier, string TrackingNumber, string Status, DateOnly? EstimatedDelivery, IReadOnlyList<SeedEvent> Events);

public sealed record SeedOrder(
    long Id,
    string CustomerId,
    string Status,
    string ShippingMethod,
    DateTime PlacedAt,
    DateTime? ShippedAt,
    DateTime? DeliveredAt,
    DateTime? CancelledAt,
    long RefundedCents,
    IReadOnlyList<SeedItem> Items,
    SeedShipment? Shipment)
{
    public long TotalCents => Items.Sum(i => i.Quantity * i.UnitPriceCents);
}

public sealed record SeedWorld(IReadOnlyList<SeedCustomer> Customers, IReadOnlyList<SeedOrder> Orders);

public static class SeedTime
{
    /// <summary>PostgreSQL keeps microseconds; whole seconds keep generated and stored values trivially equal.</summary>
    public static DateTime ToSecond(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
