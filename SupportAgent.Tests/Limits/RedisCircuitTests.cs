using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using SupportAgent.Api.Limits;

namespace SupportAgent.Tests.Limits;

/// <summary>
/// The circuit breaker in front of Redis (<see cref="LimitsRedisCircuit"/>), on a Redis of its own: when it opens, that
/// no command reaches Redis while it is open, and that one probe after the interval closes it.
/// </summary>
public sealed class RedisCircuitTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly TimeSpan ReconnectTimeout = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => redis.Server.StartAsync();

    public Task DisposeAsync() => redis.Server.StartAsync();

    [Fact]
    public async Task Breaker_opens_on_failures_keeps_commands_off_redis_and_a_probe_after_the_interval_closes_it()
    {
        var clock = new AdjustableClock();
        var settings = new LimitSettings(ProbeIntervalSeconds: 5);
        await using var app = await LimitsTestApp.StartAsync(redis.Server, settings, clock);
        using var meter = new LimitsMeterProbe(app.MeterFactory);
        var limits = app.Services.GetRequiredService<LimitsRedis>();
        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        limits.Recovered += () => recovered.TrySetResult();
        var key = settings.KeyPrefix + "circuit";
        Func<IDatabase, Task<long>> increment = db => db.StringIncrementAsync(key);

        Assert.True((await limits.TryAsync(increment, CancellationToken.None)).Succeeded);
        await redis.Server.StopAsync();
        Assert.False((await limits.TryAsync(increment, CancellationToken.None)).Succeeded);
        Assert.False((await limits.TryAsync(increment, CancellationToken.None)).Succeeded);
        Assert.True(limits.InFallback);
        Assert.Equal(1, meter.FallbackActive());

        // Redis is back (empty: it has no persistence) and connected, but until the interval has passed the breaker
        // answers every call from the fallback without sending anything.
        await redis.Server.StartAsync();
        await WaitConnectedAsync(app.Services.GetRequiredService<IConnectionMultiplexer>());
        Assert.False((await limits.TryAsync(increment, CancellationToken.None)).Succeeded);
        Assert.Equal("$-1", await redis.Server.CommandAsync($"GET {key}"));
        Assert.True(limits.InFallback);

        clock.Advance(TimeSpan.FromSeconds(settings.ProbeIntervalSeconds));
        var probe = await limits.TryAsync(increment, CancellationToken.None);

        Assert.Equal(new RedisAttempt<long>(true, 1), probe);
        Assert.False(limits.InFallback);
        Assert.Equal(0, meter.FallbackActive());
        await recovered.Task.WaitAsync(ReconnectTimeout);
        Assert.Equal(1, app.Logs.Count(nameof(LimitsRedisCircuit), LogLevel.Warning));
        Assert.Equal(1, app.Logs.Count(nameof(LimitsRedisCircuit), LogLevel.Information));
    }

    [Fact]
    public async Task One_failed_command_among_good_ones_falls_back_for_that_call_only()
    {
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings());
        var limits = app.Services.GetRequiredService<LimitsRedis>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await limits.ProbeAsync(CancellationToken.None));
        }

        // A script error is a failure like any other, but one in six calls is no outage.
        var failed = await limits.TryAsync(db => db.ScriptEvaluateAsync("return redis.error_reply('boom')"), CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.False(limits.InFallback);
        Assert.True(await limits.ProbeAsync(CancellationToken.None));
        Assert.Equal("Healthy", (await app.HealthAsync()).Limits);
        Assert.Equal(0, app.Logs.Count(nameof(LimitsRedisCircuit), LogLevel.Warning));
    }

    private static async Task WaitConnectedAsync(IConnectionMultiplexer connection)
    {
        var deadline = DateTime.UtcNow + ReconnectTimeout;
        while (!connection.IsConnected)
        {
            Assert.True(DateTime.UtcNow < deadline, "The Redis client never reconnected.");
            await Task.Delay(100);
        }
    }
}
