namespace SupportAgent.Api.Limits;

/// <summary>
/// The Lua scripts behind the limits. Redis runs a script atomically, so concurrent requests from any number of
/// replicas cannot both see "one left" and both take it.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// Sliding-window log: a sorted set of the customer's accepted messages scored by Redis server time (ms), so
    /// replicas with skewed clocks still agree. Rejected messages are not recorded, so hammering does not extend
    /// the wait. KEYS[1] the set; ARGV limit, window ms, a unique member. Returns {1, 0} or {0, retry-after ms}.
    /// </summary>
    public const string SlidingWindow = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < limit then
          redis.call('ZADD', KEYS[1], now, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], window)
          return {1, 0}
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        local retry = tonumber(oldest[2]) + window - now
        if retry < 1 then retry = 1 end
        return {0, retry}
        """;

    /// <summary>
    /// Adds micro-dollars to a customer's day and makes sure the key dies after that day, in one step so a crash
    /// between the two cannot leave a counter that never expires. KEYS[1] the day's counter; ARGV micro-dollars,
    /// expiry as unix seconds. Returns the new total.
    /// </summary>
    public const string AddSpend = """
        local total = redis.call('INCRBY', KEYS[1], ARGV[1])
        if redis.call('TTL', KEYS[1]) < 0 then
          redis.call('EXPIREAT', KEYS[1], ARGV[2])
        end
        return total
        """;
}
