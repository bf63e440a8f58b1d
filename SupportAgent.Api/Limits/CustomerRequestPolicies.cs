using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SupportAgent.Api.Auth;

namespace SupportAgent.Api.Limits;

/// <summary>
/// Per-customer limits on what is cheap to ask for and costly to hold: new threads per window, and live event streams
/// open at once. Both are per Api process (in memory, no Redis round trip on every request); with several replicas a
/// customer may get that many per replica, which still bounds what one customer can take.
/// </summary>
internal static class CustomerRequestPolicies
{
    public static void Add(RateLimiterOptions limiter)
    {
        limiter.AddPolicy(LimitPolicies.CustomerThreads, http =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value;
            return RateLimitPartition.GetSlidingWindowLimiter(CustomerMessagesPolicy.PartitionKey(http), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.ThreadsPerMinute,
                Window = options.Window,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            });
        });
        limiter.AddPolicy(LimitPolicies.CustomerEventStreams, http =>
        {
            // Agents watch many threads from the console; the limit is for customers.
            if (http.User.IsAgent()) return RateLimitPartition.GetNoLimiter("agents");
            var options = http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value;
            return RateLimitPartition.GetConcurrencyLimiter(CustomerMessagesPolicy.PartitionKey(http), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = options.EventStreamsPerCustomer,
                QueueLimit = 0,
            });
        });
        // Policies without their own answer (these two) reject with the same 429 problem as the message limit.
        limiter.OnRejected = async (context, _) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(5);
            await LimitProblems.RateLimited(retryAfter).ExecuteAsync(context.HttpContext);
        };
    }
}
