using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportAgent.Api.Limits;

namespace SupportAgent.Tests.Limits;

public sealed class SpendCapTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Spend_cap_blocks_after_recorded_spend()
    {
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings(DailySpendCapDollars: 1.00m));
        using var meter = new LimitsMeterProbe(app.MeterFactory);

        // 0 -> 0.30 -> 0.60 -> 0.90 -> 1.20: four turns start under the cap, the fifth does not.
        for (var i = 0; i < 4; i++)
        {
            using var ok = await app.TakeTurnAsync("frank", 0.30m);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var blocked = await app.TakeTurnAsync("frank", 0.30m);
        using var otherCustomer = await app.TakeTurnAsync("grace", 0.30m);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("application/problem+json", blocked.Content.Headers.ContentType?.MediaType);
        var retryAfter = blocked.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, TimeSpan.FromDays(1).TotalSeconds);
        var problem = await blocked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(LimitProblems.SpendCapReachedCode, problem.GetProperty("code").GetString());
        Assert.Equal(1.20m, problem.GetProperty("spentDollars").GetDecimal());
        Assert.Equal(1.00m, problem.GetProperty("capDollars").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, otherCustomer.StatusCode);
        Assert.Equal(1, meter.Rejected(LimitProblems.SpendCapReachedCode));
    }

    [Fact]
    public async Task Spend_is_counted_in_micro_dollars_per_utc_day_and_expires()
    {
        var settings = new LimitSettings(DailySpendCapDollars: 0.50m);
        await using var app = await LimitsTestApp.StartAsync(redis.Server, settings);
        var ledger = app.Services.GetRequiredService<ISpendLedger>();

        await ledger.RecordAsync("heidi", 0.123456m, CancellationToken.None);
        await ledger.RecordAsync("heidi", 0.2m, CancellationToken.None);
        var under = await ledger.CheckAsync("heidi", CancellationToken.None);
        await ledger.RecordAsync("heidi", 0.2m, CancellationToken.None);
        var over = await ledger.CheckAsync("heidi", CancellationToken.None);

        Assert.Equal(new SpendCheck(true, 0.323456m, 0.50m, TimeSpan.Zero), under);
        Assert.False(over.Allowed);
        Assert.Equal(0.523456m, over.Spent);
        var untilMidnight = DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow;
        Assert.InRange(over.RetryAfter, untilMidnight - TimeSpan.FromMinutes(1), untilMidnight + TimeSpan.FromMinutes(1));

        var key = $"{settings.KeyPrefix}spend:heidi:{DateTime.UtcNow:yyyyMMdd}";
        Assert.Equal("523456", await redis.Server.CommandAsync($"GET {key}"));
        var ttl = long.Parse((await redis.Server.CommandAsync($"TTL {key}"))[1..], CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 1, (long)TimeSpan.FromHours(25).TotalSeconds);
        Assert.Equal(0, app.Logs.Count(nameof(LimitsRedisCircuit), LogLevel.Warning));
    }

    [Fact]
    public async Task Spend_is_shared_between_app_instances()
    {
        var settings = new LimitSettings(DailySpendCapDollars: 1.00m);
        await using var first = await LimitsTestApp.StartAsync(redis.Server, settings);
        await using var second = await LimitsTestApp.StartAsync(redis.Server, settings);

        (await first.TakeTurnAsync("ivan", 0.60m)).Dispose();
        (await second.TakeTurnAsync("ivan", 0.60m)).Dispose();
        using var blocked = await first.TakeTurnAsync("ivan", 0.01m);

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
    }
}
