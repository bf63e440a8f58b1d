using Npgsql;
using NpgsqlTypes;
using SupportAgent.MockBackends.Docs;

namespace SupportAgent.MockBackends.Persistence.Seed;

public sealed record SeedReport(int Customers, int Orders, int Items, int Shipments, int Events, int Refunds, int Articles, int Paragraphs);

/// <summary>
/// Writes the generated world and the help center. Idempotent: every insert is ON CONFLICT DO NOTHING, and the world
/// is generated from the anchor day stored by the first seed, so running it again adds nothing and never undoes a
/// refund or reship made since.
/// </summary>
public sealed class WorldSeeder(NpgsqlDataSource dataSource, ILogger<WorldSeeder> logger)
{
    public async Task<SeedReport> SeedAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Two replicas starting together seed one after the other; the second inserts nothing.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('mockbackends_seed'))", connection, tx))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        var anchor = await AnchorAsync(connection, tx, ct);
        var world = WorldGenerator.Generate(anchor);
        var articles = ArticleLibrary.Load();
        var orders = world.Orders;
        var items = orders.SelectMany(o => o.Items.Select((item, line) => (Order: o, Item: item, Line: line + 1))).ToList();
        var shipped = orders.Where(o => o.Shipment is not null).ToList();
        var events = shipped.SelectMany(o => o.Shipment!.Events.Select((e, seq) => (Order: o, Event: e, Seq: seq + 1))).ToList();
        var refunded = orders.Where(o => o.RefundedCents > 0).ToList();
        var paragraphs = articles.SelectMany(a => a.Paragraphs.Select((text, seq) => (Article: a, Text: text, Seq: seq + 1))).ToList();

        var report = new SeedReport(
            await InsertAsync(connection, tx, ct, """
                INSERT INTO customers (id, name, email, city, country, created_at)
                SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4, @p5) ON CONFLICT DO NOTHING
                """,
                Text(world.Customers.Select(c => c.Id)), Text(world.Customers.Select(c => c.Name)),
                Text(world.Customers.Select(c => c.Email)), Text(world.Customers.Select(c => c.City)),
                Text(world.Customers.Select(c => c.Country)), Times(world.Customers.Select(c => (DateTime?)c.CreatedAt))),
            await InsertAsync(connection, tx, ct, """
                INSERT INTO orders (id, customer_id, status, total_cents, refunded_cents, shipping_method, placed_at, shipped_at, delivered_at, cancelled_at)
                SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9) ON CONFLICT DO NOTHING
                """,
                Longs(orders.Select(o => o.Id)), Text(orders.Select(o => o.CustomerId)), Text(orders.Select(o => o.Status)),
                Longs(orders.Select(o => o.TotalCents)), Longs(orders.Select(o => o.RefundedCents)), Text(orders.Select(o => o.ShippingMethod)),
                Times(orders.Select(o => (DateTime?)o.PlacedAt)), Times(orders.Select(o => o.ShippedAt)),
                Times(orders.Select(o => o.DeliveredAt)), Times(orders.Select(o => o.CancelledAt))),
            await InsertAsync(connection, tx, ct, """
                INSERT INTO order_items (order_id, line, sku, name, quantity, unit_price_cents)
                SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4, @p5) ON CONFLICT DO NOTHING
                """,
                Longs(items.Select(i => i.Order.Id)), Ints(items.Select(i => i.Line)), Text(items.Select(i => i.Item.Sku)),
                Text(items.Select(i => i.Item.Name)), Ints(items.Select(i => i.Item.Quantity)), Longs(items.Select(i => i.Item.UnitPriceCents))),
            await InsertAsync(connection, tx, ct, """
                INSERT INTO shipments (order_id, carrier, tracking_number, status, estimated_delivery)
                SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4) ON CONFLICT DO NOTHING
                """,
                Longs(shipped.Select(o => o.Id)), Text(shipped.Select(o => o.Shipment!.Carrier)),
                Text(shipped.Select(o => o.Shipment!.TrackingNumber)), Text(shipped.Select(o => o.Shipment!.Status)),
                new NpgsqlParameter { Value = shipped.Select(o => o.Shipment!.EstimatedDelivery).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date }),
            await InsertAsync(connection, tx, ct, """
                INSERT INTO tracking_events (order_id, seq, at, location, description)
                SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4) ON CONFLICT DO NOTHING
                """,
                Longs(events.Select(e => e.Order.Id)), Ints(events.Select(e => e.Seq)), Times(events.Select(e => (DateTime?)e.Event.At)),
                Text(events.Select(e => e.Event.Location)), Text(events.Select(e => e.Event.Description))),
            await InsertAsync(connection, tx, ct, """
                INSERT INTO refunds (id, order_id, amount_cents, reason, created_at)
                SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4) ON CONFLICT DO NOTHING
                """,
                Text(refunded.Select(o => $"re_seed_{o.Id}")), Longs(refunded.Select(o => o.Id)), Longs(refunded.Select(o => o.RefundedCents)),
                Text(refunded.Select(o => o.RefundedCents == o.TotalCents ? "Returned for a refund" : "Partial refund for a returned item")),
                Times(refunded.Select(o => (DateTime?)Min((o.DeliveredAt ?? o.PlacedAt).AddDays(2), anchor)))),
            await InsertAsync(connection, tx, ct, """
                INSERT INTO articles (id, title, category, body)
                SELECT * FROM unnest(@p0, @p1, @p2, @p3) ON CONFLICT DO NOTHING
                """,
                Text(articles.Select(a => a.Id)), Text(articles.Select(a => a.Title)), Text(articles.Select(a => a.Category)),
                Text(articles.Select(a => string.Join("\n\n", a.Paragraphs)))),
            await InsertAsync(connection, tx, ct, """
                INSERT INTO article_paragraphs (article_id, seq, text)
                SELECT * FROM unnest(@p0, @p1, @p2) ON CONFLICT DO NOTHING
                """,
                Text(paragraphs.Select(p => p.Article.Id)), Ints(paragraphs.Select(p => p.Seq)), Text(paragraphs.Select(p => p.Text))));

        await tx.CommitAsync(ct);
        logger.LogInformation("Seeded world anchored at {Anchor:u}; inserted {Report}", anchor, report);
        return report;
    }

    private static async Task<DateTime> AnchorAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        await using var command = new NpgsqlCommand("""
            INSERT INTO seed_info (id, anchor) VALUES (1, @now) ON CONFLICT (id) DO NOTHING;
            SELECT anchor FROM seed_info WHERE id = 1;
            """, connection, tx);
        command.Parameters.AddWithValue("now", new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
        return (DateTime)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<int> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct, string sql, params NpgsqlParameter[] columns)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i].ParameterName = $"p{i}";
            command.Parameters.Add(columns[i]);
        }
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Text(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Longs(IEnumerable<long> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    private static NpgsqlParameter Ints(IEnumerable<int> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer };

    private static NpgsqlParameter Times(IEnumerable<DateTime?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
