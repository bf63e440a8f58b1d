using System.Text.Json;
using Microsoft.Extensions.Options;
using SupportAgent.Api.Auth;
using SupportAgent.Api.Http;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Dev;

/// <summary>
/// Development sign-in (ARCHITECTURE.md §6): the seeded customers and tokens for them and for the human agents.
/// Mapped only when <c>Dev:Enabled</c> is true (the default in Development); never in a published deployment.
/// </summary>
public static class DevApi
{
    public sealed record TokenBody(string? Subject, string? Role);

    public static IEndpointRouteBuilder MapDevApi(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("/api/dev").WithTags("Development").AllowAnonymous();

        dev.MapGet("/customers", async (ToolsClient tools, CancellationToken ct) => Results.Ok(await tools.DevCustomersAsync(ct)))
            .WithSummary("The seeded customers with their orders");

        dev.MapPost("/token", async (TokenBody? body, TokenIssuer issuer, ToolsClient tools, IOptions<AuthOptions> auth, CancellationToken ct) =>
        {
            var subject = body?.Subject?.Trim();
            var role = body?.Role?.Trim().ToLowerInvariant() ?? Roles.Customer;
            if (string.IsNullOrEmpty(subject)) return Problems.BadRequest(ProblemCodes.ValidationFailed, "subject is required.");
            if (role is not (Roles.Customer or Roles.Agent))
            {
                return Problems.BadRequest(ProblemCodes.ValidationFailed, "role is \"customer\" or \"agent\".");
            }
            var known = role == Roles.Agent
                ? auth.Value.Agents.Contains(subject)
                : await IsSeededCustomerAsync(tools, subject, ct);
            if (!known) return Problems.BadRequest(ProblemCodes.UnknownSubject, $"No seeded {role} is called '{subject}'.");
            return Results.Ok(new { access_token = issuer.IssueSignIn(subject, role), token_type = "Bearer", role, subject });
        }).WithSummary("A token for a seeded customer or agent");
        return app;
    }

    private static async Task<bool> IsSeededCustomerAsync(ToolsClient tools, string id, CancellationToken ct)
    {
        var customers = await tools.DevCustomersAsync(ct);
        return customers.ValueKind == JsonValueKind.Array
            && customers.EnumerateArray().Any(c => c.TryGetProperty("id", out var v) && v.GetString() == id);
    }
}
