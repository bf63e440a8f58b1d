namespace SupportAgent.MockBackends.Persistence.Seed;

/// <summary>
/// The whole seeded world as a pure function of the anchor day: the same anchor always gives the same rows, which is
/// what makes re-seeding (ON CONFLICT DO NOTHING) a no-op.
/// </summary>
public static class WorldGenerator
{
    public const long FirstGeneratedOrderId = 1021;
    public const long LastOrderId = 1520;
    public const long MaxTotalCents = 200_000;

    /// <summary>The showcase customers keep exactly their documented orders; generated ones go to everyone else.</summary>
    private const int FirstGeneratedCustomer = 3;

    /// <summary>Weights per status: plenty of delivered orders under the cap so load tests can refund hundreds.</summary>
    private static readonly (string Status, int Weight)[] StatusWeights =
    [
        ("delivered", 44), ("pending", 7), ("shipped", 7), ("in_transit", 8), ("lost", 6), ("damaged", 6),
        ("cancelled", 8), ("refunded", 7), ("partially_refunded", 7),
    ];

    public static SeedWorld Generate(DateTime anchor)
    {
        var rng = new Random(42);
        var customers = SeedCatalog.Customers.Select((c, i) => new SeedCustomer(
            SeedCatalog.CustomerId(i), c.Name, EmailFor(c.Name), c.City, c.Country,
            anchor.AddDays(-200 - rng.Next(700)))).ToList();

        var orders = ShowcaseOrders.Build(customers, anchor).ToList();
        var eligible = customers.Skip(FirstGeneratedCustomer).ToList();
        for (var id = FirstGeneratedOrderId; id <= LastOrderId; id++)
        {
            var index = (int)(id - FirstGeneratedOrderId);
            // Round-robin first, so every customer has at least five orders; random after that.
            var customer = index < eligible.Count * 5 ? eligible[index % eligible.Count] : eligible[rng.Next(eligible.Count)];
            orders.Add(GenerateOrder(id, customer, anchor, rng));
        }
        return new SeedWorld(customers, orders);
    }

    private static SeedOrder GenerateOrder(long id, SeedCustomer customer, DateTime anchor, Random rng)
    {
        var status = Pick(StatusWeights, rng);
        var method = customer.Country != "US" ? ShippingMethod.International : Pick(
            [(ShippingMethod.Standard, 70), (ShippingMethod.Expedited, 20), (ShippingMethod.Overnight, 10)], rng);
        var transit = method.MinTransitDays + rng.NextDouble() * (method.MaxTransitDays - method.MinTransitDays);
        var processing = 0.3 + rng.NextDouble() * 0.9;
        var items = GenerateItems(rng);
        var total = items.Sum(i => i.Quantity * i.UnitPriceCents);

        DateTime placed;
        DateTime? shipped = null;
        switch (status)
        {
            case "pending":
                placed = anchor.AddDays(-Between(rng, 0.05, 1.5));
                break;
            case "cancelled":
                placed = anchor.AddDays(-Between(rng, 1, 120));
                break;
            case "shipped":
                shipped = anchor.AddDays(-transit * Between(rng, 0.05, 0.3));
                placed = shipped.Value.AddDays(-processing);
                break;
            case "in_transit":
                shipped = anchor.AddDays(-transit * Between(rng, 0.45, 0.9));
                placed = shipped.Value.AddDays(-processing);
                break;
            case "lost":
                placed = anchor.AddDays(-Between(rng, transit + processing + 6, 90));
                shipped = placed.AddDays(processing);
                break;
            default: // delivered, damaged, refunded, partially_refunded
                placed = anchor.AddDays(-Between(rng, transit + processing + 1.5, 180));
                shipped = placed.AddDays(processing);
                break;
        }

        var refunded = status switch
        {
            "refunded" => total,
            // Whole dollars, always leaving something to refund.
            "partially_refunded" => Math.Clamp((long)(total * Between(rng, 0.1, 0.7)) / 100 * 100, 100, total - 100),
            _ => 0,
        };
        if (status == "partially_refunded" && refunded >= total)
        {
            refunded = total / 2;
        }
        return OrderFactory.Create(id, customer, status, method, placed, shipped,
            transit, refunded, items, anchor, rng);
    }

    private static List<SeedItem> GenerateItems(Random rng)
    {
        var count = Pick([(1, 50), (2, 30), (3, 15), (4, 5)], rng);
        var items = new List<SeedItem>();
        while (items.Count < count)
        {
            var tier = Pick([(SeedCatalog.Tier.Everyday, 85), (SeedCatalog.Tier.Considered, 12), (SeedCatalog.Tier.Premium, 3)], rng);
            var candidates = SeedCatalog.Products.Where(p => p.Tier == tier && items.All(i => i.Sku != p.Sku)).ToArray();
            var product = candidates[rng.Next(candidates.Length)];
            var quantity = tier == SeedCatalog.Tier.Everyday ? Pick([(1, 70), (2, 20), (3, 10)], rng) : 1;
            var item = new SeedItem(product.Sku, product.Name, quantity, product.PriceCents);
            // Totals stay within $5..$2,000; an item that would break the ceiling is simply not added.
            if (items.Sum(i => i.Quantity * i.UnitPriceCents) + quantity * product.PriceCents > MaxTotalCents)
            {
                if (items.Count > 0)
                {
                    break;
                }
                continue;
            }
            items.Add(item);
        }
        return items;
    }

    private static T Pick<T>((T Value, int Weight)[] choices, Random rng)
    {
        var roll = rng.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }
        return choices[^1].Value;
    }

    private static double Between(Random rng, double low, double high) => low + rng.NextDouble() * (high - low);

    private static string EmailFor(string name) =>
        new string(name.ToLowerInvariant().Replace(' ', '.').Where(c => char.IsAsciiLetterLower(c) || c == '.').ToArray()) + "@example.com";
}
