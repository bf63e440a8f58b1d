namespace SupportAgent.Offline.Agent;

// The ToolsService's data shapes (docs/CONTRACTS.md), read with web (camelCase) JSON defaults.
// Dates stay strings: the engine only displays them, and a format surprise must not break a reply.

internal sealed record OrderItem(string Name, int Quantity, decimal Price);

internal sealed record OrderData(
    string OrderId, string Status, decimal Total, decimal RefundedTotal, decimal? Refundable, string? Currency,
    IReadOnlyList<OrderItem>? Items, string? PlacedAt, string? ShippedAt, string? DeliveredAt, string? Carrier,
    string? TrackingNumber)
{
    public decimal RefundableAmount => Refundable ?? Math.Max(0, Total - RefundedTotal);
}

internal sealed record OrderSummary(string OrderId, string Status, decimal Total, string? PlacedAt, IReadOnlyList<string>? Items = null);

internal sealed record OrderListData(IReadOnlyList<OrderSummary>? Orders);

internal sealed record RefundData(string? RefundId, string? OrderId, decimal Amount, decimal? Remaining);

internal sealed record TrackingEvent(string? At, string? Location, string? Description);

internal sealed record TrackingData(
    string OrderId, string? Carrier, string? TrackingNumber, string Status, string? EstimatedDelivery,
    IReadOnlyList<TrackingEvent>? Events, ReplacementData? Replacement = null);

internal sealed record ReplacementData(string? ReshipId, string? Carrier, string? TrackingNumber, string? CreatedAt);

internal sealed record ReshipData(string? ReshipId, string? OrderId, string? TrackingNumber);

internal sealed record DocPassage(string ArticleId, string Title, string Passage);

internal sealed record DocsData(IReadOnlyList<DocPassage>? Results);
