using SupportAgent.MockBackends.Faults;
using SupportAgent.MockBackends.Http;

namespace SupportAgent.MockBackends.Orders;

/// <summary>The order system: customers and their orders (fault endpoint <c>orders</c>).</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Orders").WithFaults(FaultEndpoints.Orders);

        group.MapGet("/customers", async (OrderStore store, CancellationToken ct, bool includeOrders = false) =>
            TypedResults.Ok(await store.ListCustomersAsync(includeOrders, ct)));

        group.MapGet("/customers/{id}", async (string id, OrderStore store, CancellationToken ct) =>
            await store.GetCustomerAsync(id, ct) is { } customer
                ? Results.Ok(customer)
                : Problems.NotFound("customer_not_found", $"There is no customer '{id}'."));

        group.MapGet("/customers/{id}/orders", async (string id, OrderStore store, CancellationToken ct, int limit = 100) =>
        {
            if (limit is < 1 or > 1000)
            {
                return Problems.BadRequest("invalid_limit", "limit must be between 1 and 1000.");
            }
            return await store.ListOrdersAsync(id, limit, ct) is { } orders
                ? Results.Ok(orders)
                : Problems.NotFound("customer_not_found", $"There is no customer '{id}'.");
        });

        group.MapGet("/orders/{id:long}", async (long id, OrderStore store, CancellationToken ct) =>
            await store.GetOrderAsync(id, ct) is { } order
                ? Results.Ok(order)
                : Problems.NotFound("order_not_found", $"There is no order {id}."));

        return routes;
    }
}
