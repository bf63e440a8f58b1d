using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Backends;

/// <summary>The seeded world of ARCHITECTURE.md §9 and docs/SEED.md.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class SeedTests(WholeAppFixture fixture)
{
    private static readonly string[] Statuses =
        ["pending", "shipped", "in_transit", "delivered", "lost", "damaged", "cancelled", "refunded", "partially_refunded"];

    /// <summary>docs/SEED.md's table: customer and total never change, whatever refunds other tests make.</summary>
    public static TheoryData<long, string, decimal> Showcase => new()
    {
        { 1001, "cust_001", 129.99m }, { 1002, "cust_001", 54.50m }, { 1003, "cust_001", 89.00m }, { 1004, "cust_001", 749.00m },
        { 1005, "cust_001", 35.00m }, { 1006, "cust_001", 220.00m }, { 1007, "cust_001", 64.25m }, { 1008, "cust_001", 300.00m },
        { 1009, "cust_001", 45.00m }, { 1010, "cust_001", 19.99m }, { 1011, "cust_002", 42.00m }, { 1012, "cust_002", 150.00m },
        { 1013, "cust_002", 1250.00m }, { 1014, "cust_002", 75.00m }, { 1015, "cust_002", 18.50m }, { 1016, "cust_003", 64.00m },
        { 1017, "cust_003", 210.00m }, { 1018, "cust_003", 33.00m }, { 1019, "cust_003", 499.00m }, { 1020, "cust_003", 80.00m },
    };

    [Fact]
    public async Task Seed_is_idempotent_and_has_every_status()
    {
        var before = await WorldFingerprintAsync();
        using var http = fixture.App.CreateBackendsHttpClient();

        using var reseed = await http.PostAsync("/admin/seed", null);
        var inserted = await reseed.Content.ReadFromJsonAsync<JsonObject>();

        reseed.EnsureSuccessStatusCode();
        Assert.All(inserted!, counter => Assert.Equal(0, counter.Value!.GetValue<int>()));
        Assert.Equal(before, await WorldFingerprintAsync());

        await using var connection = await OpenBackendsAsync();
        Assert.Equal(60L, await ScalarAsync(connection, "SELECT count(*) FROM customers"));
        Assert.Equal(520L, await ScalarAsync(connection, "SELECT count(*) FROM orders WHERE id BETWEEN 1001 AND 1520"));
        Assert.Equal(5L, await ScalarAsync(connection, "SELECT min(n) FROM (SELECT count(*) AS n FROM orders GROUP BY customer_id) t"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM orders WHERE total_cents NOT BETWEEN 500 AND 200000"));
        Assert.True((long)(await ScalarAsync(connection, "SELECT count(*) FROM articles"))! >= 40);
        Assert.True((long)(await ScalarAsync(connection,
            "SELECT count(*) FROM orders WHERE id > 1020 AND status = 'delivered' AND total_cents <= 50000"))! >= 150);
        var seen = (string[])(await ScalarAsync(connection, "SELECT array_agg(DISTINCT status) FROM orders"))!;
        Assert.Empty(Statuses.Except(seen));
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT count(*) FROM orders o WHERE o.shipped_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tracking_events e WHERE e.order_id = o.id)"));
    }

    [Theory]
    [MemberData(nameof(Showcase))]
    public async Task Showcase_orders_match_the_documented_table(long orderId, string customerId, decimal total)
    {
        using var http = fixture.App.CreateBackendsHttpClient();

        var order = await http.GetFromJsonAsync<JsonObject>($"/orders/{orderId}");

        Assert.Equal(customerId, order!["customerId"]!.GetValue<string>());
        Assert.Equal(total, order["total"]!.GetValue<decimal>());
        Assert.NotEmpty(order["items"]!.AsArray());
    }

    [Fact]
    public async Task Showcase_customers_have_their_names()
    {
        using var http = fixture.App.CreateBackendsHttpClient();

        foreach (var (id, name) in new[] { ("cust_001", "Alice Martin"), ("cust_002", "Bruno Silva"), ("cust_003", "Chen Wei") })
        {
            var customer = await http.GetFromJsonAsync<JsonObject>($"/customers/{id}");
            Assert.Equal(name, customer!["name"]!.GetValue<string>());
        }
    }

    /// <summary>What a re-seed could change: every generated column of every order, item, shipment and article.</summary>
    private async Task<string> WorldFingerprintAsync()
    {
        await using var connection = await OpenBackendsAsync();
        return (string)(await ScalarAsync(connection, """
            SELECT md5(
                (SELECT string_agg(concat_ws('|', id, customer_id, total_cents, shipping_method, placed_at, shipped_at, delivered_at), ',' ORDER BY id) FROM orders) ||
                (SELECT string_agg(concat_ws('|', order_id, line, sku, quantity, unit_price_cents), ',' ORDER BY order_id, line) FROM order_items) ||
                (SELECT string_agg(concat_ws('|', order_id, tracking_number, seq), ',' ORDER BY order_id) FROM shipments JOIN tracking_events USING (order_id)) ||
                (SELECT string_agg(concat_ws('|', id, title, md5(body)), ',' ORDER BY id) FROM articles))
            """))!;
    }

    private async Task<NpgsqlConnection> OpenBackendsAsync()
    {
        var connection = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("backends"));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
