using Microsoft.AspNetCore.Http;

namespace SupportAgent.ServiceDefaults.Http;

/// <summary>
/// Problems the framework writes itself (binding failures, unknown routes, oversized bodies, 500s) get a stable
/// <c>code</c> from their status, so callers can branch on <c>code</c> for every problem, not only the services' own.
/// </summary>
public static class ProblemCodeDefaults
{
    public static void AddDefaultCode(ProblemDetailsContext context) =>
        context.ProblemDetails.Extensions.TryAdd("code", context.ProblemDetails.Status switch
        {
            400 => "bad_request",
            401 => "unauthorized",
            403 => "forbidden",
            404 => "not_found",
            405 => "method_not_allowed",
            409 => "conflict",
            413 => "payload_too_large",
            415 => "unsupported_media_type",
            503 => "unavailable",
            _ => "internal_error",
        });
}
