namespace SupportAgent.MockBackends.Persistence.Seed;

/// <summary>Turns an order's plan (status and when it shipped) into a consistent order with dates and a shipment.</summary>
internal static class OrderFactory
{
    public static SeedOrder Create(
        long id, SeedCustomer customer, string status, ShippingMethod method, DateTime placedAt, DateTime? shippedAt,
        double transitDays, long refundedCents, IReadOnlyList<SeedItem> items, DateTime anchor, Random rng)
    {
        placedAt = SeedTime.ToSecond(placedAt);
        shippedAt = shippedAt is { } s ? SeedTime.ToSecond(s) : null;
        if (status is "pending" or "cancelled")
        {
            var cancelledAt = status == "cancelled" ? placedAt.AddHours(1 + rng.Next(20)) : (DateTime?)null;
            // A cancelled order was cancelled before it shipped; a refunded cancellation is recorded as refunded.
            return new SeedOrder(id, customer.Id, status, method.Name, placedAt, null, null, cancelledAt, refundedCents, items, null);
        }

        var shipped = shippedAt ?? throw new ArgumentException($"Order {id} ({status}) needs a ship time.", nameof(shippedAt));
        var shipment = ShipmentBuilder.Build(id, status, method, shipped, transitDays, customer, anchor, rng);
        DateTime? deliveredAt = shipment.Status is "delivered" or "damaged" ? SeedTime.ToSecond(shipped.AddDays(transitDays)) : null;
        return new SeedOrder(id, customer.Id, status, method.Name, placedAt, shipped, deliveredAt, null, refundedCents, items, shipment);
    }

    public static SeedItem Item(string sku, int quantity = 1)
    {
        var product = SeedCatalog.Product(sku);
        return new SeedItem(product.Sku, product.Name, quantity, product.PriceCents);
    }
}
