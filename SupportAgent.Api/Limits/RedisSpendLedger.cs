using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportAgent.Api.Limits;

/// <summary>
/// Spend caps shared by every replica: one integer counter of micro-dollars per customer per UTC day in Redis.
/// While Redis is away, spend is kept in <see cref="LocalSpendLedger"/> and written back once it answers again.
/// </summary>
internal sealed partial class RedisSpendLedger : ISpendLedger
{
    private readonly LimitsRedis _redis;
    private readonly LocalSpendLedger _local;
    private readonly LimitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisSpendLedger> _logger;

    public RedisSpendLedger(LimitsRedis redis, LocalSpendLedger local, IOptions<LimitOptions> options, TimeProvider time,
        ILogger<RedisSpendLedger> logger)
    {
        (_redis, _local, _options, _time, _logger) = (redis, local, options.Value, time, logger);
        _redis.Recovered += () => _ = WriteBackAsync();
    }

    public async Task<SpendCheck> CheckAsync(string customerId, CancellationToken cancellationToken)
    {
        var day = SpendDay.Today(_time);
        var attempt = await _redis.TryAsync(db => db.StringGetAsync(Key(customerId, day), CommandFlags.DemandMaster), cancellationToken);
        long spent;
        if (attempt.Succeeded)
        {
            spent = (long?)attempt.Value ?? 0;
            _local.Remember(customerId, day, spent);
        }
        else
        {
            spent = _local.Known(customerId, day);
        }
        // Spend not yet written back counts either way, so a recovery does not briefly forget it.
        spent += _local.Pending(customerId, day);
        return SpendDay.Check(spent, _options.DailySpendCapDollars, day, _time);
    }

    public async Task RecordAsync(string customerId, decimal dollars, CancellationToken cancellationToken)
    {
        var micros = SpendDay.ToMicros(dollars);
        if (micros == 0)
        {
            return;
        }
        var day = SpendDay.Today(_time);
        if (!await TryAddAsync(customerId, day, micros, cancellationToken))
        {
            _local.AddPending(customerId, day, micros);
        }
    }

    private async Task<bool> TryAddAsync(string customerId, DateOnly day, long micros, CancellationToken cancellationToken)
    {
        // Keep the counter an hour past its day so a turn finishing just after midnight UTC still finds it.
        var expiresAt = SpendDay.NextMidnight(day).AddHours(1).ToUnixTimeSeconds();
        var attempt = await _redis.TryAsync(
            db => db.ScriptEvaluateAsync(RedisScripts.AddSpend, [Key(customerId, day)], [micros, expiresAt], CommandFlags.DemandMaster),
            cancellationToken);
        if (attempt is { Succeeded: true, Value: { } total })
        {
            _local.Remember(customerId, day, (long)total);
            return true;
        }
        return false;
    }

    private async Task WriteBackAsync()
    {
        var pending = _local.TakePending();
        var written = 0;
        foreach (var (customerId, day, micros) in pending)
        {
            if (await TryAddAsync(customerId, day, micros, CancellationToken.None))
            {
                written++;
            }
            else
            {
                _local.AddPending(customerId, day, micros);
            }
        }
        if (pending.Count > 0)
        {
            LogWrittenBack(written, pending.Count);
        }
    }

    private RedisKey Key(string customerId, DateOnly day) => $"{_options.KeyPrefix}spend:{customerId}:{day:yyyyMMdd}";

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Wrote spend recorded during the Redis outage back to Redis for {Written} of {Total} customer-days.")]
    private partial void LogWrittenBack(int written, int total);
}
