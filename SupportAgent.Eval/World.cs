using System.Globalization;

namespace SupportAgent.Eval;

public sealed record CustomerFacts(string Id, string Name, string? Email);

/// <summary>What identifies an order's data when it appears in a reply.</summary>
public sealed record OrderFacts(string Id, string Owner, decimal Total, string? TrackingNumber, IReadOnlyList<string> Items)
{
    public string TotalText => Money(Total);

    public static string Money(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);
}

/// <param name="RefundedTotal">Null when the backends cannot be asked (the eval sees only the Api).</param>
/// <param name="Replaced">Whether the carrier has a replacement shipment; null when unknown.</param>
/// <param name="CarrierStatus">The carrier's status of the shipment; null when none or unknown.</param>
public sealed record OrderState(string Status, decimal? RefundedTotal, bool? Replaced, string? CarrierStatus);

/// <summary>A change in the backends between two snapshots: the facts of what a scenario really did.</summary>
public sealed record OrderChange(string OrderId, OrderState Before, OrderState After)
{
    public decimal RefundedDelta => (After.RefundedTotal ?? 0) - (Before.RefundedTotal ?? 0);

    public bool StatusBecameRefunded =>
        Before.Status != After.Status && After.Status is "refunded" or "partially_refunded";

    public bool NewReplacement => After.Replaced == true && Before.Replaced != true;
}

/// <summary>
/// The seeded world as the eval knows it: who owns which order, what identifies each order's data, and the last
/// observed state of every order. Scenarios run one at a time, so a change between two snapshots is the scenario's.
/// </summary>
public sealed class World
{
    public Dictionary<string, CustomerFacts> Customers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OrderFacts> Orders { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OrderState> State { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether refunded totals and shipments are known (MockBackends reachable), not only order statuses.</summary>
    public bool Detailed { get; init; }

    public string? OwnerOf(string orderId) => Orders.TryGetValue(orderId, out var order) ? order.Owner : null;

    public IEnumerable<OrderFacts> OrdersOf(string customerId) => Orders.Values.Where(o => o.Owner == customerId);

    /// <summary>Refund eligibility by the documented policy (docs/CONTRACTS.md), from the state before the refund.</summary>
    public static bool RefundEligible(OrderState before) =>
        before.Status is "delivered" or "cancelled" or "partially_refunded";

    public static bool ReshipEligible(OrderState before) =>
        (before.CarrierStatus ?? before.Status) is "lost" or "damaged" && before.Replaced != true;
}
