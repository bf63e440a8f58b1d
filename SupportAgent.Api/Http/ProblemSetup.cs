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
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            problem.Extensions.TryAdd("code", problem.Status switch
            {
                StatusCodes.Status401Unauthorized => ProblemCodes.Unauthorized,
                StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
                StatusCodes.Status404NotFound => ProblemCodes.NotFound,
                StatusCodes.Status415UnsupportedMediaType => ProblemCodes.UnsupportedMediaType,
                StatusCodes.Status400BadRequest => ProblemCodes.ValidationFailed,
                _ => ProblemCodes.Internal,
            });
            problem.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
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
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Send the body as application/json",
                    Detail = $"The charset '{type.Charset}' is not a known encoding; use utf-8.",
                    Extensions = { ["code"] = ProblemCodes.UnsupportedMediaType },
                },
            });
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
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var (status, code, title) = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
            ? (StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Send the body as application/json")
            : bad.InnerException is JsonException
                ? (StatusCodes.Status400BadRequest, ProblemCodes.MalformedJson, "The body is not valid JSON")
                : (bad.StatusCode, ProblemCodes.ValidationFailed, "The request is not valid");
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = bad.Message, Extensions = { ["code"] = code } },
        });
    }
}
