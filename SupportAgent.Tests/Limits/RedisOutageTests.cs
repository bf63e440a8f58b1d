using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using SupportAgent.Api.Limits;

namespace SupportAgent.Tests.Limits;

/// <summary>Outages on a Redis of their own, so stopping it never disturbs the other limit tests.</summary>
public sealed class RedisOutageTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    // Every test leaves the server running for the next one, even when it fails half-way through an outage.
    public Task InitializeAsync() => redis.Server.StartAsync();

    public Task DisposeAsync() => redis.Server.StartAsync();

    [Fact]
    public async Task Redis_down_serves_with_local_limiter_and_reports_degraded()
    {
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings(MessagesPerWindow: 5, RedisTimeoutMs: 250));
        using var meter = new LimitsMeterProbe(app.MeterFactory);
        Assert.Equal("Healthy", (await app.HealthAsync()).Limits);

        await redis.Server.StopAsync();
        var statuses = new List<HttpStatusCode>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 6; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await app.SendMessageAsync("judy");
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
            statuses.Add(response.StatusCode);
            if (i == 5)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
            }
        }
        var health = await app.HealthAsync();

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
        // Generous bound: the point is that nobody waits for the client's multi-second command timeout.
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"A request took {slowest} with Redis down.");
        Assert.Equal((200, "Degraded", "Degraded"), health);
        Assert.Equal(1, app.Logs.Count(nameof(LimitsRedisCircuit), LogLevel.Warning));
        Assert.Equal(1, meter.FallbackActive());
    }

    [Fact]
    public async Task Redis_back_recovers_to_healthy()
    {
        var settings = new LimitSettings(MessagesPerWindow: 5, RedisTimeoutMs: 250);
        await using var app = await LimitsTestApp.StartAsync(redis.Server, settings);
        using var meter = new LimitsMeterProbe(app.MeterFactory);
        await redis.Server.StopAsync();
        (await app.SendMessageAsync("mallory")).Dispose();
        await app.WaitForHealthAsync("Degraded", RecoveryTimeout);

        await redis.Server.StartAsync();
        await app.WaitForHealthAsync("Healthy", RecoveryTimeout);
        using var response = await app.SendMessageAsync("niaj");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The message was counted in Redis again, not in the process.
        Assert.Equal(":1", await redis.Server.CommandAsync($"ZCARD {settings.KeyPrefix}rate:niaj"));
        Assert.Equal(1, app.Logs.Count(nameof(LimitsRedisCircuit), LogLevel.Warning));
        Assert.Equal(1, app.Logs.Count(nameof(LimitsRedisCircuit), LogLevel.Information));
        Assert.Equal(0, meter.FallbackActive());
    }

    [Fact]
    public async Task Slow_redis_is_answered_from_the_fallback_within_the_timeout()
    {
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings(RedisTimeoutMs: 200));
        (await app.SendMessageAsync("olivia")).Dispose();

        // The connection stays up but Redis answers nothing for 3 s: only the timeout can notice.
        await redis.Server.CommandAsync("CLIENT PAUSE 3000 ALL");
        var started = Stopwatch.GetTimestamp();
        using var response = await app.SendMessageAsync("olivia");
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"The request waited {elapsed} on a paused Redis.");
        Assert.Equal("Degraded", (await app.HealthAsync()).Limits);
        await app.WaitForHealthAsync("Healthy", RecoveryTimeout);
    }

    [Fact]
    public async Task Spend_recorded_while_redis_is_down_is_written_back()
    {
        var settings = new LimitSettings(DailySpendCapDollars: 1.00m, RedisTimeoutMs: 250);
        await using var app = await LimitsTestApp.StartAsync(redis.Server, settings);
        (await app.TakeTurnAsync("peggy", 0.40m)).Dispose();

        await redis.Server.StopAsync();
        (await app.TakeTurnAsync("peggy", 0.40m)).Dispose();
        (await app.TakeTurnAsync("peggy", 0.40m)).Dispose();
        // Redis's 0.40 from before the outage plus 0.80 during it: the fallback knows both.
        using var blockedWhileDown = await app.TakeTurnAsync("peggy", 0.40m);
        Assert.Equal(HttpStatusCode.TooManyRequests, blockedWhileDown.StatusCode);

        // A restarted Redis without persistence lost the 0.40; the 0.80 recorded during the outage comes back.
        await redis.Server.StartAsync();
        await app.WaitForHealthAsync("Healthy", RecoveryTimeout);
        var key = $"{settings.KeyPrefix}spend:peggy:{DateTime.UtcNow:yyyyMMdd}";
        var deadline = DateTime.UtcNow + RecoveryTimeout;
        while (await redis.Server.CommandAsync($"GET {key}") != "800000")
        {
            Assert.True(DateTime.UtcNow < deadline, "The spend recorded during the outage never reached Redis.");
            await Task.Delay(100);
        }
        await using var otherReplica = await LimitsTestApp.StartAsync(redis.Server, settings);
        using var afterRecovery = await otherReplica.TakeTurnAsync("peggy", 0.40m);
        Assert.Equal(HttpStatusCode.OK, afterRecovery.StatusCode);
    }

    [Fact]
    public async Task Redis_down_at_start_serves_from_the_fallback()
    {
        await redis.Server.StopAsync();
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings(MessagesPerWindow: 2, RedisTimeoutMs: 250));

        using var first = await app.SendMessageAsync("quentin");
        using var second = await app.SendMessageAsync("quentin");
        using var third = await app.SendMessageAsync("quentin");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("Degraded", (await app.HealthAsync()).Limits);

        await redis.Server.StartAsync();
        await app.WaitForHealthAsync("Healthy", RecoveryTimeout);
    }
}
