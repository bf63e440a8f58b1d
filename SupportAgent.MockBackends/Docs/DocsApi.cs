using SupportAgent.MockBackends.Faults;
using SupportAgent.MockBackends.Http;

namespace SupportAgent.MockBackends.Docs;

/// <summary>The help center (fault endpoint <c>docs</c>).</summary>
public static class DocsApi
{
    public const int MaxQueryLength = 500;

    public static IEndpointRouteBuilder MapDocsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/docs").WithTags("Docs").WithFaults(FaultEndpoints.Docs);

        group.MapGet("/search", async (DocsSearch docs, CancellationToken ct, string? q, int limit = 3) =>
        {
            if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength)
            {
                return Problems.BadRequest("invalid_query", $"q is required (1..{MaxQueryLength} characters).");
            }
            if (limit is < 1 or > 20)
            {
                return Problems.BadRequest("invalid_limit", "limit must be between 1 and 20.");
            }
            return Results.Ok(await docs.SearchAsync(q, limit, ct));
        });

        group.MapGet("", async (DocsSearch docs, CancellationToken ct) => TypedResults.Ok(await docs.ListAsync(ct)));

        group.MapGet("/{id}", async (string id, DocsSearch docs, CancellationToken ct) =>
            await docs.GetAsync(id, ct) is { } article
                ? Results.Ok(article)
                : Problems.NotFound("article_not_found", $"There is no article '{id}'."));

        return routes;
    }
}
