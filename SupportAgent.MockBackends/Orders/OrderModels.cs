namespace SupportAgent.MockBackends.Orders;

public sealed record CustomerDto(string Id, string Name, string Email, string City, string Country, IReadOnlyList<OrderBriefDto>? Orders = null);

public sealed record OrderBriefDto(long OrderId, string Status, decimal Total);

/// <param name="Items">The names of the order's items, as an order history page shows them.</param>
public sealed record OrderSummaryDto(long OrderId, string Status, decimal Total, decimal RefundedTotal, DateTime PlacedAt, int Reships, IReadOnlyList<string> Items);

public sealed record OrderItemDto(string Sku, string Name, int Quantity, decimal Price);

public sealed record OrderDto(
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
    IReadOnlyList<OrderItemDto> Items);

/// <summary>Row shapes as Dapper reads them (cents, snake_case aliased in SQL).</summary>
internal sealed record OrderRow(
    long Id, string CustomerId, string Status, long TotalCents, long RefundedCents, string ShippingMethod,
    DateTime PlacedAt, DateTime? ShippedAt, DateTime? DeliveredAt, DateTime? CancelledAt, string? Carrier, string? TrackingNumber);

internal sealed record OrderItemRow(string Sku, string Name, int Quantity, long UnitPriceCents);

internal sealed record CustomerRow(string Id, string Name, string Email, string City, string Country);

internal sealed record OrderSummaryRow(long Id, string CustomerId, string Status, long TotalCents, long RefundedCents, DateTime PlacedAt, long Reships, string? ItemNames);
