using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SupportAgent.Tests.Backends;

public sealed record SeededOrder(string CustomerId, long OrderId, string Status, decimal Total);

/// <summary>
/// Direct access to MockBackends for arranging and checking: the seeded world, charges, shipments and faults.
/// Tests that change an order pick a generated one (1021+) no other test has claimed, so the showcase orders
/// 1001..1020 that other suites rely on stay as documented in docs/SEED.md.
/// </summary>
public sealed class BackendsClient(HttpClient http)
{
    private static readonly HashSet<long> Claimed = [];

    public HttpClient Http => http;

    public async Task<IReadOnlyList<SeededOrder>> OrdersAsync()
    {
        var customers = await http.GetFromJsonAsync<JsonArray>("/customers?includeOrders=true");
        return customers!.SelectMany(c => c!["orders"]!.AsArray().Select(o => new SeededOrder(
            c["id"]!.GetValue<string>(), o!["orderId"]!.GetValue<long>(), o["status"]!.GetValue<string>(), o["total"]!.GetValue<decimal>()))).ToList();
    }

    /// <summary>A generated order in the given status that no test in this run has used, newest ids first.</summary>
    public async Task<SeededOrder> ClaimOrderAsync(string status, Func<SeededOrder, bool>? where = null)
    {
        var candidates = (await OrdersAsync())
            .Where(o => o.OrderId > 1020 && o.Status == status && (where?.Invoke(o) ?? true))
            .OrderByDescending(o => o.OrderId);
        lock (Claimed)
        {
            var order = candidates.FirstOrDefault(o => !Claimed.Contains(o.OrderId))
                ?? throw new InvalidOperationException($"No unclaimed generated order is {status}.");
            Claimed.Add(order.OrderId);
            return order;
        }
    }

    /// <summary>
    /// Every order of one generated customer (cust_004+) none of whose orders a test has used, chosen by
    /// <paramref name="where"/> over that customer's orders: for tests of per-customer rules (the daily refund ceiling).
    /// </summary>
    public async Task<IReadOnlyList<SeededOrder>> ClaimCustomerAsync(Func<IReadOnlyList<SeededOrder>, bool> where)
    {
        var customers = (await OrdersAsync()).Where(o => o.OrderId > 1020).GroupBy(o => o.CustomerId)
            .Select(g => (IReadOnlyList<SeededOrder>)g.ToList()).OrderByDescending(g => g.Max(o => o.OrderId));
        lock (Claimed)
        {
            var orders = customers.FirstOrDefault(g => g.All(o => !Claimed.Contains(o.OrderId)) && where(g))
                ?? throw new InvalidOperationException("No unclaimed generated customer fits.");
            foreach (var order in orders) Claimed.Add(order.OrderId);
            return orders;
        }
    }

    public async Task<JsonObject> ChargeAsync(long orderId) => (await http.GetFromJsonAsync<JsonObject>($"/payments/charges/{orderId}"))!;

    public async Task<JsonObject> OrderAsync(long orderId) => (await http.GetFromJsonAsync<JsonObject>($"/orders/{orderId}"))!;

    public async Task<JsonObject> ShipmentAsync(long orderId) => (await http.GetFromJsonAsync<JsonObject>($"/shipping/orders/{orderId}"))!;

    public async Task SetFaultAsync(string endpoint, object settings)
    {
        using var response = await http.PutAsJsonAsync($"/admin/faults/{endpoint}", settings);
        response.EnsureSuccessStatusCode();
    }

    public async Task ResetFaultsAsync()
    {
        using var response = await http.DeleteAsync("/admin/faults");
        response.EnsureSuccessStatusCode();
    }

    public static int RefundCount(JsonObject charge) => charge["refunds"]!.AsArray().Count;
}
