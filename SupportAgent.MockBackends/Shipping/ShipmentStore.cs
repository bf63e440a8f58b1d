using Dapper;
using Npgsql;

namespace SupportAgent.MockBackends.Shipping;

/// <summary>The carrier's view of a parcel: its status and scans, and the replacement if one was sent.</summary>
public sealed class ShipmentStore(NpgsqlDataSource db)
{
    internal const string ReshipColumns =
        "id AS Id, order_id AS OrderId, carrier AS Carrier, tracking_number AS TrackingNumber, reason AS Reason, created_at AS CreatedAt";

    public async Task<ShipmentDto?> GetAsync(long orderId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var shipment = await connection.QuerySingleOrDefaultAsync<ShipmentRow>(new CommandDefinition("""
            SELECT order_id AS OrderId, carrier AS Carrier, tracking_number AS TrackingNumber, status AS Status,
                   estimated_delivery::timestamp AS EstimatedDelivery
            FROM shipments WHERE order_id = @orderId
            """, new { orderId }, cancellationToken: ct));
        if (shipment is null)
        {
            return null;
        }
        var events = await connection.QueryAsync<TrackingEventDto>(new CommandDefinition(
            "SELECT at AS At, location AS Location, description AS Description FROM tracking_events WHERE order_id = @orderId ORDER BY seq",
            new { orderId }, cancellationToken: ct));
        var reship = await connection.QuerySingleOrDefaultAsync<ReshipRow>(new CommandDefinition(
            $"SELECT {ReshipColumns} FROM reships WHERE order_id = @orderId", new { orderId }, cancellationToken: ct));
        return new ShipmentDto(
            shipment.OrderId, shipment.Carrier, shipment.TrackingNumber, shipment.Status,
            shipment.EstimatedDelivery is { } eta ? DateOnly.FromDateTime(eta) : null, events.ToList(), reship?.ToDto());
    }
}
