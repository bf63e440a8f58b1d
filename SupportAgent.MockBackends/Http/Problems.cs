using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportAgent.MockBackends.Http;

/// <summary>RFC 7807 answers with a stable <c>code</c> the ToolsService can branch on; titles and details are for people.</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult BadRequest(string code, string detail) =>
        Create(StatusCodes.Status400BadRequest, code, "The request is not valid.", detail);

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Not found.", detail);

    /// <summary>Problems the framework writes itself (binding failures, 404 routes, 500s) get a code from their status.</summary>
    public static void AddDefaultCode(ProblemDetailsContext context)
    {
        context.ProblemDetails.Extensions.TryAdd("code", context.ProblemDetails.Status switch
        {
            400 => "bad_request",
            401 => "unauthorized",
            403 => "forbidden",
            404 => "not_found",
            405 => "method_not_allowed",
            409 => "conflict",
            415 => "unsupported_media_type",
            503 => "unavailable",
            _ => "internal_error",
        });
    }
}
