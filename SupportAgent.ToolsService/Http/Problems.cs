using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportAgent.ToolsService.Http;

/// <summary>RFC 7807 answers with a stable <c>code</c>; the Api branches on the code, people read title and detail.</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult BadRequest(string code, string detail) =>
        Create(StatusCodes.Status400BadRequest, code, "The request is not valid.", detail);
}
