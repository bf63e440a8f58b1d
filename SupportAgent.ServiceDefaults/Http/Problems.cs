using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportAgent.ServiceDefaults.Http;

/// <summary>
/// The one way every service answers an error: an RFC 7807 problem with a stable <c>code</c> extension that callers
/// branch on; title and detail are for people. Each service keeps its own list of codes.
/// </summary>
/// <remarks>
/// Executing a <see cref="ProblemHttpResult"/> writes the problem even when the request's Accept header names only
/// <c>text/event-stream</c>, where the problem details service alone would write an empty body.
/// </remarks>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null, string? type = null)
    {
        var all = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extensions ?? [])
        {
            all[key] = value;
        }
        return TypedResults.Problem(detail, statusCode: status, title: title, type: type, extensions: all);
    }

    public static ProblemHttpResult BadRequest(string code, string detail) =>
        Create(StatusCodes.Status400BadRequest, code, "The request is not valid.", detail);

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Not found.", detail);

    /// <summary>
    /// A bearer challenge (from <c>JwtBearerEvents.OnChallenge</c>, after <c>HandleResponse()</c>): 401 with
    /// <c>missing_token</c> or <c>invalid_token</c>, keeping the standard WWW-Authenticate header.
    /// </summary>
    public static Task WriteBearerChallengeAsync(HttpContext http, bool tokenMissing, string detail)
    {
        http.Response.Headers.WWWAuthenticate = tokenMissing ? "Bearer" : "Bearer error=\"invalid_token\"";
        return Create(StatusCodes.Status401Unauthorized, tokenMissing ? "missing_token" : "invalid_token", "Unauthorized.", detail)
            .ExecuteAsync(http);
    }
}
