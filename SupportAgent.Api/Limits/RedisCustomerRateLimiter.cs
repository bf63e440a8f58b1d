using System.Threading.RateLimiting;

namespace SupportAgent.Api.Limits;

/// <summary>
/// One customer's partition of the <see cref="LimitPolicies.CustomerMessages"/> policy. ASP.NET Core's built-in
/// limiters count in process memory, so each replica would allow the full rate; this one holds no count of its
/// own and asks <see cref="CustomerMessageLimiter"/>, which counts in Redis.
/// </summary>
internal sealed class RedisCustomerRateLimiter(string customerId, CustomerMessageLimiter limiter, TimeProvider time) : RateLimiter
{
    private long _lastUsed = time.GetTimestamp();

    /// <summary>Lets the middleware drop partitions of customers who went quiet; the count lives in Redis.</summary>
    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>
    /// The middleware tries a synchronous acquire first and, when it fails, awaits <see cref="AcquireAsyncCore"/>.
    /// A Redis round-trip cannot be made synchronously without blocking a thread, so the answer here is always
    /// "ask asynchronously", which consumes nothing.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => CustomerLease.AskAsync;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        // One message is one permit; a sliding-window log has no meaningful bulk acquire.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        Interlocked.Exchange(ref _lastUsed, time.GetTimestamp());
        if (permitCount == 0)
        {
            return CustomerLease.Acquired;
        }
        var decision = await limiter.AcquireAsync(customerId, cancellationToken);
        return decision.Allowed ? CustomerLease.Acquired : new CustomerLease(false, decision.RetryAfter);
    }

    private sealed class CustomerLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly CustomerLease Acquired = new(true, null);
        public static readonly CustomerLease AskAsync = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = after;
                return true;
            }
            metadata = null;
            return false;
        }

        // Nothing to release: a sliding window frees permits by time, not by returning leases.
        protected override void Dispose(bool disposing)
        {
        }
    }
}
