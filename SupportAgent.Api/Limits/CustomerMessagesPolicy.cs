using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SupportAgent.Api.Limits;

/// <summary>
/// The <see cref="LimitPolicies.CustomerMessages"/> policy: one Redis-backed partition per customer, and its own
/// 429 answer so other policies in the Api keep theirs.
/// </summary>
internal sealed class CustomerMessagesPolicy(CustomerMessageLimiter limiter, TimeProvider time, LimitsMetrics metrics)
    : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        metrics.Rejected(LimitProblems.RateLimitedCode);
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        await LimitProblems.RateLimited(retryAfter).ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(PartitionKey(httpContext), key => new RedisCustomerRateLimiter(key, limiter, time));

    /// <summary>
    /// The customer is the token's subject (JwtBearer maps <c>sub</c> to NameIdentifier unless told not to).
    /// The endpoint requires authentication anyway; an anonymous caller is limited per address as a safety net.
    /// </summary>
    internal static string PartitionKey(HttpContext httpContext) =>
        CustomerId(httpContext.User) is { } customerId
            ? customerId
            : "anonymous:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    internal static string? CustomerId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
            : null;
}
