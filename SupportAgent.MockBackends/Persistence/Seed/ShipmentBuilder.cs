namespace SupportAgent.MockBackends.Persistence.Seed;

/// <summary>
/// Writes a carrier's history for one parcel that is consistent with the order's status: a delivered parcel has
/// every scan, one in transit only the scans that already happened before the anchor, a lost one stops at a hub.
/// </summary>
internal static class ShipmentBuilder
{
    private const string Warehouse = "Northwind Fulfillment Center, Columbus, OH";

    private static readonly string[] Hubs =
    [
        "Indianapolis, IN", "Memphis, TN", "Louisville, KY", "Dallas, TX", "Salt Lake City, UT", "Reno, NV",
        "Atlanta, GA", "Harrisburg, PA", "Kansas City, MO", "Sacramento, CA",
    ];

    private static readonly Dictionary<string, string> CountryNames = new()
    {
        ["CA"] = "Canada", ["IE"] = "Ireland", ["DE"] = "Germany", ["SE"] = "Sweden", ["FR"] = "France", ["PT"] = "Portugal",
    };

    public static string CarrierStatusFor(string orderStatus) => orderStatus switch
    {
        "shipped" => "shipped",
        "in_transit" => "in_transit",
        "lost" => "lost",
        "damaged" => "damaged",
        _ => "delivered",
    };

    public static SeedShipment Build(
        long orderId, string orderStatus, ShippingMethod method, DateTime shippedAt, double transitDays,
        SeedCustomer customer, DateTime anchor, Random rng)
    {
        var status = CarrierStatusFor(orderStatus);
        var deliveredAt = shippedAt.AddDays(transitDays);
        var international = customer.Country != "US";
        var firstHub = international ? "Meridian Global Export Hub, Newark, NJ" : Hubs[rng.Next(Hubs.Length)];
        var lastHub = international ? $"International sorting center, {CountryNames[customer.Country]}" : Hubs[rng.Next(Hubs.Length)];
        var destination = international ? $"{customer.City}, {CountryNames[customer.Country]}" : customer.City;

        var events = new List<SeedEvent>
        {
            new(shippedAt.AddHours(-3), Warehouse, "Shipping label created; the parcel is waiting for pickup"),
            new(shippedAt, "Columbus, OH", $"Picked up by {method.Carrier}"),
            new(shippedAt.AddDays(transitDays * 0.35), firstHub, "Departed carrier facility"),
        };
        if (international)
        {
            events.Add(new(shippedAt.AddDays(transitDays * 0.55), lastHub, "Cleared customs"));
        }
        events.Add(new(shippedAt.AddDays(transitDays * 0.7), lastHub, "Arrived at regional facility"));

        switch (status)
        {
            case "lost":
                events.Add(new(deliveredAt.AddDays(1), lastHub, "Delivery exception: the parcel could not be located"));
                events.Add(new(deliveredAt.AddDays(4), lastHub, "Declared lost by the carrier; the shipper has been notified"));
                break;
            case "damaged":
                events.Add(new(deliveredAt.AddHours(-5), destination, "Out for delivery"));
                events.Add(new(deliveredAt, destination, "Delivered"));
                events.Add(new(deliveredAt.AddDays(1), destination, "Recipient reported the parcel arrived damaged; carrier claim opened"));
                break;
            default:
                events.Add(new(deliveredAt.AddHours(-5), destination, "Out for delivery"));
                events.Add(new(deliveredAt, destination, "Delivered, left at the front door"));
                break;
        }

        // A parcel still moving has only the scans that already happened.
        if (status is "shipped" or "in_transit")
        {
            events = [.. events.Where((e, i) => i < 2 || e.At <= anchor)];
        }

        return new SeedShipment(
            method.Carrier, method.TrackingNumberFor(orderId), status, DateOnly.FromDateTime(deliveredAt), events);
    }
}
