using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportAgent.Eval;

/// <summary>
/// Reads the seeded world: from MockBackends when its address is known (orders with refunded totals, items,
/// tracking numbers and replacement shipments), otherwise from the Api's development listing (statuses and totals).
/// </summary>
public sealed class WorldProbe(EvalApiClient api, HttpClient? backends)
{
    private const int Parallelism = 8;

    public async Task<World> LoadAsync(CancellationToken ct)
    {
        var world = new World { Detailed = backends is not null };
        if (backends is null)
        {
            foreach (var c in (await api.DevCustomersAsync(ct)).EnumerateArray())
            {
                var id = c.GetProperty("id").GetString()!;
                world.Customers[id] = new CustomerFacts(id, c.GetProperty("name").GetString()!, null);
                foreach (var o in c.GetProperty("orders").EnumerateArray())
                {
                    var orderId = o.GetProperty("id").ToString();
                    world.Orders[orderId] = new OrderFacts(orderId, id, o.GetProperty("total").GetDecimal(), null, []);
                    world.State[orderId] = new OrderState(o.GetProperty("status").GetString()!, null, null, null);
                }
            }
            return world;
        }

        var customers = await backends.GetFromJsonAsync<JsonElement>("/customers", ct);
        foreach (var c in customers.EnumerateArray())
        {
            var id = c.GetProperty("id").GetString()!;
            world.Customers[id] = new CustomerFacts(id, c.GetProperty("name").GetString()!, c.GetProperty("email").GetString());
        }
        var ids = (await StatusesAsync(ct)).Keys.ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (id, token) =>
        {
            var (facts, state) = await OrderAsync(id, token);
            lock (world)
            {
                world.Orders[id] = facts;
                world.State[id] = state;
            }
        });
        return world;
    }

    /// <summary>
    /// Takes a new snapshot of every order's status, and of the details of the customer's own orders and of
    /// <paramref name="touched"/>; returns what changed since the last snapshot and records the new state.
    /// </summary>
    public async Task<IReadOnlyList<OrderChange>> RefreshAsync(World world, string customerId, IEnumerable<string> touched, CancellationToken ct)
    {
        var statuses = await StatusesAsync(ct);
        var fresh = new Dictionary<string, OrderState>(StringComparer.Ordinal);
        foreach (var (id, status) in statuses)
        {
            if (world.State.TryGetValue(id, out var known) && known.Status != status) fresh[id] = known with { Status = status };
        }
        if (backends is not null)
        {
            var detailed = world.OrdersOf(customerId).Select(o => o.Id).Concat(touched).Concat(fresh.Keys)
                .Where(world.Orders.ContainsKey).Distinct().ToList();
            foreach (var id in detailed) fresh[id] = (await OrderAsync(id, ct)).State;
        }

        var changes = new List<OrderChange>();
        foreach (var (id, after) in fresh)
        {
            var before = world.State[id];
            if (before != after) changes.Add(new OrderChange(id, before, after));
            world.State[id] = after;
        }
        return changes;
    }

    private async Task<Dictionary<string, string>> StatusesAsync(CancellationToken ct)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        var customers = backends is not null
            ? await backends.GetFromJsonAsync<JsonElement>("/customers?includeOrders=true", ct)
            : await api.DevCustomersAsync(ct);
        foreach (var c in customers.EnumerateArray())
        {
            foreach (var o in c.GetProperty("orders").EnumerateArray())
            {
                var id = (o.TryGetProperty("orderId", out var orderId) ? orderId : o.GetProperty("id")).ToString();
                statuses[id] = o.GetProperty("status").GetString()!;
            }
        }
        return statuses;
    }

    private async Task<(OrderFacts Facts, OrderState State)> OrderAsync(string id, CancellationToken ct)
    {
        var http = backends ?? throw new InvalidOperationException("Order details come from MockBackends.");
        var order = await http.GetFromJsonAsync<JsonElement>($"/orders/{id}", ct);
        var status = order.GetProperty("status").GetString()!;
        var tracking = order.TryGetProperty("trackingNumber", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var items = order.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
        var facts = new OrderFacts(id, order.GetProperty("customerId").GetString()!, order.GetProperty("total").GetDecimal(), tracking, items);

        bool? replaced = false;
        string? carrier = null;
        if (tracking is not null)
        {
            using var response = await http.GetAsync($"/shipping/orders/{id}", ct);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                response.EnsureSuccessStatusCode();
                var shipment = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                carrier = shipment.GetProperty("status").GetString();
                replaced = shipment.TryGetProperty("replacement", out var r) && r.ValueKind == JsonValueKind.Object;
            }
        }
        return (facts, new OrderState(status, order.GetProperty("refundedTotal").GetDecimal(), replaced, carrier));
    }
}
