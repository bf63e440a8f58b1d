using Dapper;
using Npgsql;
using SupportAgent.MockBackends.Http;

namespace SupportAgent.MockBackends.Orders;

/// <summary>Reads of the order system. Writes happen only through the payments provider (refunds).</summary>
public sealed class OrderStore(NpgsqlDataSource db)
{
    private const string CustomerColumns = "id AS Id, name AS Name, email AS Email, city AS City, country AS Country";
    private const string SummaryColumns =
        "id AS Id, customer_id AS CustomerId, status AS Status, total_cents AS TotalCents, refunded_cents AS RefundedCents, placed_at AS PlacedAt, " +
        "(SELECT count(*) FROM reships r WHERE r.order_id = orders.id) AS Reships, " +
        "(SELECT string_agg(i.name, '\n' ORDER BY i.line) FROM order_items i WHERE i.order_id = orders.id) AS ItemNames";

    public async Task<IReadOnlyList<CustomerDto>> ListCustomersAsync(bool includeOrders, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var customers = await connection.QueryAsync<CustomerRow>(new CommandDefinition(
            $"SELECT {CustomerColumns} FROM customers ORDER BY id", cancellationToken: ct));
        var orders = includeOrders
            ? (await connection.QueryAsync<OrderSummaryRow>(new CommandDefinition(
                $"SELECT {SummaryColumns} FROM orders ORDER BY placed_at DESC, id DESC", cancellationToken: ct))).ToLookup(o => o.CustomerId)
            : null;
        return customers.Select(c => ToDto(c, orders?[c.Id].Select(o => new OrderBriefDto(o.Id, o.Status, Money.ToDollars(o.TotalCents))).ToList()))
            .ToList();
    }

    public async Task<CustomerDto?> GetCustomerAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(
            $"SELECT {CustomerColumns} FROM customers WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToDto(row, null);
    }

    /// <summary>Null when the customer does not exist, so the API can tell "no such customer" from "no orders".</summary>
    public async Task<IReadOnlyList<OrderSummaryDto>?> ListOrdersAsync(string customerId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM customers WHERE id = @customerId)", new { customerId }, cancellationToken: ct));
        if (!exists)
        {
            return null;
        }
        var rows = await connection.QueryAsync<OrderSummaryRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM orders WHERE customer_id = @customerId ORDER BY placed_at DESC, id DESC LIMIT @limit",
            new { customerId, limit }, cancellationToken: ct));
        return rows.Select(r => new OrderSummaryDto(r.Id, r.Status, Money.ToDollars(r.TotalCents), Money.ToDollars(r.RefundedCents), r.PlacedAt, (int)r.Reships,
                r.ItemNames?.Split('\n') ?? []))
            .ToList();
    }

    public async Task<OrderDto?> GetOrderAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition("""
            SELECT o.id AS Id, o.customer_id AS CustomerId, o.status AS Status, o.total_cents AS TotalCents,
                   o.refunded_cents AS RefundedCents, o.shipping_method AS ShippingMethod, o.placed_at AS PlacedAt,
                   o.shipped_at AS ShippedAt, o.delivered_at AS DeliveredAt, o.cancelled_at AS CancelledAt,
                   s.carrier AS Carrier, s.tracking_number AS TrackingNumber
            FROM orders o LEFT JOIN shipments s ON s.order_id = o.id
            WHERE o.id = @id
            """, new { id }, cancellationToken: ct));
        if (order is null)
        {
            return null;
        }
        var items = await connection.QueryAsync<OrderItemRow>(new CommandDefinition("""
            SELECT sku AS Sku, name AS Name, quantity AS Quantity, unit_price_cents AS UnitPriceCents
            FROM order_items WHERE order_id = @id ORDER BY line
            """, new { id }, cancellationToken: ct));
        return new OrderDto(
            order.Id, order.CustomerId, order.Status, Money.ToDollars(order.TotalCents), Money.ToDollars(order.RefundedCents), "USD",
            order.ShippingMethod, order.PlacedAt, order.ShippedAt, order.DeliveredAt, order.CancelledAt, order.Carrier, order.TrackingNumber,
            items.Select(i => new OrderItemDto(i.Sku, i.Name, i.Quantity, Money.ToDollars(i.UnitPriceCents))).ToList());
    }

    private static CustomerDto ToDto(CustomerRow row, IReadOnlyList<OrderBriefDto>? orders) =>
        new(row.Id, row.Name, row.Email, row.City, row.Country, orders);
}
