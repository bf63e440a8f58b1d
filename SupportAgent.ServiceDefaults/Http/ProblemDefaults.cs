using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.ServiceDefaults.Http;

/// <summary>
/// Problem details for every service: problems the framework writes itself (binding failures, unknown routes, auth
/// challenges, status code pages, 500s) get a stable <c>code</c> from their status, so callers can branch on
/// <c>code</c> for every problem, not only the services' own (<see cref="Problems"/>); every problem carries a
/// <c>traceId</c> to find it in the traces.
/// </summary>
public static class ProblemDefaults
{
    public static IServiceCollection AddProblemDefaults(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("code", CodeFor(problem.Status));
            problem.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });

    public static string CodeFor(int? status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        503 => "unavailable",
        _ => "internal_error",
    };
}
