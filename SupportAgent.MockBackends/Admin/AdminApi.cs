using SupportAgent.MockBackends.Persistence.Seed;

namespace SupportAgent.MockBackends.Admin;

/// <summary>Operator endpoints. Re-seeding proves (and lets tests prove) that the seed is idempotent.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/admin/seed", async (WorldSeeder seeder, CancellationToken ct) => TypedResults.Ok(await seeder.SeedAsync(ct)))
            .WithTags("Admin");
        return routes;
    }
}
