namespace SupportAgent.MockBackends.Persistence.Seed;

/// <summary>
/// Orders 1001..1020 of cust_001..cust_003, fixed because other tests and the demo script rely on them
/// (docs/SEED.md lists them). Change one only together with that page.
/// </summary>
internal static class ShowcaseOrders
{
    private sealed record Plan(
        long Id, int Customer, string Status, ShippingMethod Method, double PlacedDaysAgo, double? ShippedDaysAgo,
        double TransitDays, long RefundedCents, SeedItem[] Items);

    private static readonly Plan[] Plans =
    [
        // cust_001 Alice Martin
        new(1001, 0, "delivered", ShippingMethod.Standard, 14, 13, 6, 0, [OrderFactory.Item("NW-2001")]),
        new(1002, 0, "in_transit", ShippingMethod.Standard, 5, 4, 6, 0, [OrderFactory.Item("NW-1013")]),
        new(1003, 0, "lost", ShippingMethod.Standard, 24, 23, 6, 0, [OrderFactory.Item("NW-2002"), OrderFactory.Item("NW-1021")]),
        new(1004, 0, "delivered", ShippingMethod.Expedited, 10, 9.5, 2, 0, [OrderFactory.Item("NW-3001")]),
        new(1005, 0, "refunded", ShippingMethod.Standard, 45, 44, 5, 3500, [OrderFactory.Item("NW-1004")]),
        new(1006, 0, "pending", ShippingMethod.Standard, 0.4, null, 0, 0, [OrderFactory.Item("NW-2006"), OrderFactory.Item("NW-1009", 2)]),
        new(1007, 0, "damaged", ShippingMethod.Standard, 9, 8.5, 5, 0, [OrderFactory.Item("NW-1012")]),
        new(1008, 0, "partially_refunded", ShippingMethod.Standard, 30, 29, 6, 10000, [OrderFactory.Item("NW-2007"), OrderFactory.Item("NW-2008")]),
        new(1009, 0, "cancelled", ShippingMethod.Standard, 15, null, 0, 0, [OrderFactory.Item("NW-1007")]),
        new(1010, 0, "shipped", ShippingMethod.Expedited, 1, 0.2, 2, 0, [OrderFactory.Item("NW-1003")]),
        // cust_002 Bruno Silva
        new(1011, 1, "delivered", ShippingMethod.Standard, 20, 19, 5, 0, [OrderFactory.Item("NW-1011")]),
        new(1012, 1, "lost", ShippingMethod.Expedited, 18, 17.5, 2, 0, [OrderFactory.Item("NW-2004")]),
        new(1013, 1, "delivered", ShippingMethod.Standard, 25, 24, 7, 0, [OrderFactory.Item("NW-3003")]),
        new(1014, 1, "in_transit", ShippingMethod.Standard, 4, 3.5, 5, 0, [OrderFactory.Item("NW-2003")]),
        new(1015, 1, "delivered", ShippingMethod.Overnight, 6, 5.5, 1, 0, [new SeedItem("NW-1001", "Soy Wax Tealights (50)", 1, 1850)]),
        // cust_003 Chen Wei
        new(1016, 2, "delivered", ShippingMethod.Standard, 11, 10, 6, 0, [OrderFactory.Item("NW-1018")]),
        new(1017, 2, "damaged", ShippingMethod.Standard, 16, 15, 6, 0, [OrderFactory.Item("NW-2005")]),
        new(1018, 2, "in_transit", ShippingMethod.Standard, 4.5, 4, 6, 0, [OrderFactory.Item("NW-1008")]),
        new(1019, 2, "delivered", ShippingMethod.Expedited, 8, 7.5, 3, 0, [OrderFactory.Item("NW-3002")]),
        new(1020, 2, "refunded", ShippingMethod.Standard, 60, 59, 6, 8000, [OrderFactory.Item("NW-1010", 2)]),
    ];

    public static IEnumerable<SeedOrder> Build(IReadOnlyList<SeedCustomer> customers, DateTime anchor)
    {
        // Its own generator, so the showcase never shifts the random stream of the generated orders (or the reverse).
        var rng = new Random(7);
        foreach (var plan in Plans)
        {
            yield return OrderFactory.Create(
                plan.Id, customers[plan.Customer], plan.Status, plan.Method, anchor.AddDays(-plan.PlacedDaysAgo),
                plan.ShippedDaysAgo is { } shipped ? anchor.AddDays(-shipped) : null, plan.TransitDays,
                plan.RefundedCents, plan.Items, anchor, rng);
        }
    }
}
