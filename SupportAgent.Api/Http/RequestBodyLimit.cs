using Microsoft.AspNetCore.Http.Features;

namespace SupportAgent.Api.Http;

/// <summary>
/// Refuses a body larger than any request of the API needs before reading it: a declared Content-Length over the limit
/// is a 413 at once, and a chunked body is cut off by the server once it passes the limit (also a 413,
/// <see cref="BadRequestExceptionHandler"/>). A message of 4,000 characters is at most 24 KB of JSON even fully escaped.
/// </summary>
public static class RequestBodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            await TooLarge().ExecuteAsync(http);
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBytes;
        await next(http);
    });

    public static IResult TooLarge() => Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
        "The request body is too large", $"Request bodies are limited to {MaxBytes / 1024} KB.");
}
