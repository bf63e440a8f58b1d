using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using SupportAgent.Api.Http;

namespace SupportAgent.Api.Limits;

/// <summary>The 429 answers of the limits: RFC 7807 problem details with a stable <c>code</c> and a Retry-After header.</summary>
public static class LimitProblems
{
    public const string RateLimitedCode = ProblemCodes.RateLimited;
    public const string SpendCapReachedCode = ProblemCodes.SpendCapReached;

    /// <summary>The answer when <see cref="ISpendLedger.CheckAsync"/> says no; counts the rejection in the limits meter.</summary>
    public static IResult SpendCapReached(SpendCheck check)
    {
        var seconds = RetryAfterSeconds(check.RetryAfter);
        var problem = Problem(SpendCapReachedCode, "Daily spend cap reached",
            $"Today's usage limit of ${check.Cap.ToString("0.00", CultureInfo.InvariantCulture)} is reached. It resets at midnight UTC.",
            seconds, new("spentDollars", check.Spent), new("capDollars", check.Cap));
        return new LimitProblemResult(problem, seconds, SpendCapReachedCode);
    }

    internal static IResult RateLimited(TimeSpan retryAfter)
    {
        var seconds = RetryAfterSeconds(retryAfter);
        var problem = Problem(RateLimitedCode, "Too many messages",
            $"You are sending messages faster than we can answer them. Try again in {seconds} s.", seconds);
        // The policy's OnRejected already counted this one.
        return new LimitProblemResult(problem, seconds, metricReason: null);
    }

    /// <summary>Whole seconds, rounded up and at least 1, as Retry-After requires a positive integer.</summary>
    internal static int RetryAfterSeconds(TimeSpan retryAfter) =>
        (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, int.MaxValue);

    private static ProblemHttpResult Problem(string code, string title, string detail, int retryAfterSeconds,
        params KeyValuePair<string, object?>[] extensions) =>
        // ASP.NET Core's problem defaults have no type for 429; RFC 6585 is where the status is defined.
        Problems.Create(StatusCodes.Status429TooManyRequests, code, title, detail,
            [new("retryAfterSeconds", retryAfterSeconds), .. extensions], type: "https://tools.ietf.org/html/rfc6585#section-4");

    private sealed class LimitProblemResult(ProblemHttpResult problem, int retryAfterSeconds, string? metricReason) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (metricReason is not null)
            {
                httpContext.RequestServices.GetService<LimitsMetrics>()?.Rejected(metricReason);
            }
            httpContext.Response.Headers[HeaderNames.RetryAfter] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
