using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace SupportAgent.Api.Http;

/// <summary>
/// Turns framework-level failures (bad JSON, wrong content type, unmatched routes, auth challenges, anything
/// unexpected) into problem details with a stable code, so no client ever sees an HTML page or a bare 500.
/// </summary>
public static class ProblemSetup
{
    public static IServiceCollection AddSupportProblems(this IServiceCollection services)
    {
        services.AddProblemDefaults();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        services.AddExceptionHandler<UnexpectedExceptionHandler>();
        return services;
    }

    public static WebApplication UseSupportProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RejectUnknownCharsetAsync);
        return app;
    }

    /// <summary>
    /// A body whose charset names no encoding would make JSON binding throw (a 500): answer 415 before any endpoint runs.
    /// </summary>
    private static async Task RejectUnknownCharsetAsync(HttpContext context, RequestDelegate next)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.Charset.HasValue && !IsKnownEncoding(type.Charset.Value!))
        {
            await Problems.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                "Send the body as application/json", $"The charset '{type.Charset}' is not a known encoding; use utf-8.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool IsKnownEncoding(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Body binding failures surface as <see cref="BadHttpRequestException"/>: map them to 400/415 with our codes.</summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RequestBodyLimit.TooLarge().ExecuteAsync(httpContext);
            return true;
        }
        var (status, code, title) = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? (StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Send the body as application/json")
            : bad.InnerException is JsonException
                ? (StatusCodes.Status400BadRequest, ProblemCodes.MalformedJson, "The body is not valid JSON")
                : (bad.StatusCode, ProblemCodes.ValidationFailed, "The request is not valid");
        await Problems.Create(status, code, title, bad.Message).ExecuteAsync(httpContext);
        return true;
    }
}

/// <summary>
/// PostgreSQL unreachable, restarting or failing over: a clear, retryable 503 instead of a bare 500. Whatever was
/// acknowledged before is stored; the customer sends this message again (with the same Idempotency-Key, if any).
/// </summary>
internal sealed class StorageUnavailableExceptionHandler(ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is not Npgsql.NpgsqlException) continue;
            logger.LogWarning("Storage unavailable for {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, e.Message);
            httpContext.Response.Headers.RetryAfter = "5";
            await Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemCodes.StorageUnavailable,
                "Our storage is briefly unavailable", "Please send your message again in a few seconds.").ExecuteAsync(httpContext);
            return true;
        }
        return false;
    }
}

/// <summary>Anything else: a 500 problem with the stable <c>internal_error</c> code, never an empty body.</summary>
internal sealed class UnexpectedExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        await Problems.Create(StatusCodes.Status500InternalServerError, ProblemCodes.Internal,
            "An error occurred while processing your request.").ExecuteAsync(httpContext);
        return true;
    }
}
