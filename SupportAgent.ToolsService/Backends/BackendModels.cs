using SupportAgent.ToolsService.Policy;

namespace SupportAgent.ToolsService.Backends;

// MockBackends' JSON shapes (docs/CONTRACTS.md, "MockBackends HTTP"). Money arrives as decimal dollars.

public sealed record BackendOrderItem(string Sku, string Name, int Quantity, decimal Price);

public sealed record BackendOrder(
    long OrderId,
    string CustomerId,
    string Status,
    decimal Total,
    decimal RefundedTotal,
    string Currency,
    string ShippingMethod,
    DateTime PlacedAt,
    DateTime? ShippedAt,
    DateTime? DeliveredAt,
    DateTime? CancelledAt,
    string? Carrier,
    string? TrackingNumber,
    IReadOnlyList<BackendOrderItem> Items)
{
    public long TotalCents => Money.ToCents(Total);

    public long RefundedCents => Money.ToCents(RefundedTotal);

    public long RemainingCents => Math.Max(0, TotalCents - RefundedCents);
}

public sealed record BackendOrderSummary(long OrderId, string Status, decimal Total, decimal RefundedTotal, DateTime PlacedAt, int Reships = 0,
    IReadOnlyList<string>? Items = null);

public sealed record BackendTrackingEvent(DateTime At, string Location, string Description);

public sealed record BackendReship(string ReshipId, long OrderId, string Carrier, string TrackingNumber, string Reason, DateTime CreatedAt);

public sealed record BackendShipment(
    long OrderId, string Carrier, string TrackingNumber, string Status, DateOnly? EstimatedDelivery,
    IReadOnlyList<BackendTrackingEvent> Events, BackendReship? Replacement);

public sealed record BackendRefund(
    string RefundId, long OrderId, decimal Amount, decimal RefundedTotal, decimal Remaining, string OrderStatus, string Reason, DateTime CreatedAt);

public sealed record BackendDocHit(string ArticleId, string Title, string Passage, double Rank);

public sealed record BackendOrderBrief(long OrderId, string Status, decimal Total);

public sealed record BackendCustomer(string Id, string Name, IReadOnlyList<BackendOrderBrief>? Orders);

/// <summary>A provider call's answer: the result (new or replayed), or the problem code it refused with.</summary>
public sealed record ProviderResult<T>(T? Value, bool Replayed, int StatusCode, string? ProblemCode, string? ProblemDetail)
    where T : class
{
    public bool Succeeded => Value is not null;
}
