using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportAgent.Api.Limits;

/// <summary>
/// Decides whether a customer may send another message: in Redis when it answers in time, so every replica counts
/// against the same window, otherwise with an in-process sliding window of the same size.
/// </summary>
public sealed class CustomerMessageLimiter : IAsyncDisposable
{
    private readonly LimitsRedis _redis;
    private readonly LimitOptions _options;
    private readonly PartitionedRateLimiter<string> _local;

    public CustomerMessageLimiter(LimitsRedis redis, IOptions<LimitOptions> options)
    {
        _redis = redis;
        _options = options.Value;
        // The built-in partitioned limiter drops a customer's window once it is fully replenished, so memory
        // follows active customers, not all customers ever seen.
        _local = PartitionedRateLimiter.Create<string, string>(customerId =>
            RateLimitPartition.GetSlidingWindowLimiter(customerId, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = _options.MessagesPerMinute,
                Window = _options.Window,
                SegmentsPerWindow = LocalSegments,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    private const int LocalSegments = 6;

    public async ValueTask<LimitDecision> AcquireAsync(string customerId, CancellationToken cancellationToken)
    {
        RedisKey[] keys = [_options.KeyPrefix + "rate:" + customerId];
        RedisValue[] args = [_options.MessagesPerMinute, (long)_options.Window.TotalMilliseconds, Guid.NewGuid().ToString("N")];
        var attempt = await _redis.TryAsync(
            db => db.ScriptEvaluateAsync(RedisScripts.SlidingWindow, keys, args, CommandFlags.DemandMaster),
            cancellationToken);
        if (attempt is { Succeeded: true, Value: { } result })
        {
            var values = (long[])result!;
            return values[0] == 1
                ? new LimitDecision(true, TimeSpan.Zero, Shared: true)
                : new LimitDecision(false, TimeSpan.FromMilliseconds(values[1]), Shared: true);
        }

        using var lease = _local.AttemptAcquire(customerId);
        if (lease.IsAcquired)
        {
            return new LimitDecision(true, TimeSpan.Zero, Shared: false);
        }
        // A sliding window frees permits one segment at a time; if the limiter does not say when, a segment is the
        // honest upper bound.
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _options.Window / LocalSegments;
        return new LimitDecision(false, retryAfter, Shared: false);
    }

    public ValueTask DisposeAsync()
    {
        _local.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Whether a message may go through; <paramref name="Shared"/> is false when the fallback decided.</summary>
public readonly record struct LimitDecision(bool Allowed, TimeSpan RetryAfter, bool Shared);
