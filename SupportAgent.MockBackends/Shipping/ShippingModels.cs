namespace SupportAgent.MockBackends.Shipping;

public sealed record TrackingEventDto(DateTime At, string Location, string Description);

public sealed record ReshipDto(string ReshipId, long OrderId, string Carrier, string TrackingNumber, string Reason, DateTime CreatedAt);

public sealed record ShipmentDto(
    long OrderId, string Carrier, string TrackingNumber, string Status, DateOnly? EstimatedDelivery,
    IReadOnlyList<TrackingEventDto> Events, ReshipDto? Replacement);

public sealed record ReshipRequest(long OrderId, string? Reason);

internal sealed record ShipmentRow(long OrderId, string Carrier, string TrackingNumber, string Status, DateTime? EstimatedDelivery);

internal sealed record ReshipRow(string Id, long OrderId, string Carrier, string TrackingNumber, string Reason, DateTime CreatedAt)
{
    public ReshipDto ToDto() => new(Id, OrderId, Carrier, TrackingNumber, Reason, CreatedAt);
}

internal sealed record ParcelRow(string Status, string ShippingMethod);
