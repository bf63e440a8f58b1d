using SupportAgent.ToolsService.Backends;

namespace SupportAgent.ToolsService.Dev;

/// <summary>Development only: the seeded customers and their orders, for the Api's <c>GET /api/dev/customers</c>.</summary>
public static class DevApi
{
    public static IEndpointRouteBuilder MapDevApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dev/customers", async (MockBackendsClient backends, CancellationToken ct) =>
        {
            var customers = await backends.ListCustomersWithOrdersAsync(ct);
            return TypedResults.Ok(customers.Select(c => new
            {
                id = c.Id,
                name = c.Name,
                orders = (c.Orders ?? []).Select(o => new { id = o.OrderId, status = o.Status, total = o.Total }),
            }));
        }).WithTags("Dev");
        return routes;
    }
}
