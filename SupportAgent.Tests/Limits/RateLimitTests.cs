using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SupportAgent.Api.Limits;

namespace SupportAgent.Tests.Limits;

public sealed class RateLimitTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Limit_reached_returns_429_with_retry_after_and_problem()
    {
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings(MessagesPerWindow: 3, WindowSeconds: 60));
        using var meter = new LimitsMeterProbe(app.MeterFactory);

        for (var i = 0; i < 3; i++)
        {
            using var ok = await app.SendMessageAsync("alice");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var rejected = await app.SendMessageAsync("alice");

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        var retryAfter = rejected.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var problem = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.Equal(LimitProblems.RateLimitedCode, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal((int)retryAfter.Value.TotalSeconds, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal(1, meter.Rejected(LimitProblems.RateLimitedCode));
        Assert.Equal(0, app.Logs.Count(nameof(LimitsRedisCircuit), LogLevel.Warning));
    }

    [Fact]
    public async Task Limits_are_per_customer()
    {
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings(MessagesPerWindow: 2, WindowSeconds: 60));

        for (var i = 0; i < 2; i++)
        {
            (await app.SendMessageAsync("alice")).Dispose();
        }
        using var aliceAgain = await app.SendMessageAsync("alice");
        using var bob = await app.SendMessageAsync("bob");

        Assert.Equal(HttpStatusCode.TooManyRequests, aliceAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    [Fact]
    public async Task Limit_resets_after_window()
    {
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings(MessagesPerWindow: 2, WindowSeconds: 2));
        for (var i = 0; i < 2; i++)
        {
            (await app.SendMessageAsync("carol")).Dispose();
        }
        using var rejected = await app.SendMessageAsync("carol");
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);

        // Retry-After is rounded up, so waiting it out is enough for the oldest message to leave the window.
        await Task.Delay(rejected.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(100));
        using var again = await app.SendMessageAsync("carol");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Two_app_instances_share_the_limit_through_redis()
    {
        var settings = new LimitSettings(MessagesPerWindow: 4, WindowSeconds: 60);
        await using var first = await LimitsTestApp.StartAsync(redis.Server, settings);
        await using var second = await LimitsTestApp.StartAsync(redis.Server, settings);

        var statuses = new List<HttpStatusCode>();
        foreach (var app in new[] { first, second, first, second })
        {
            using var response = await app.SendMessageAsync("dave");
            statuses.Add(response.StatusCode);
        }
        using var fromFirst = await first.SendMessageAsync("dave");
        using var fromSecond = await second.SendMessageAsync("dave");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fromFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromSecond.StatusCode);
    }

    [Fact]
    public async Task Concurrent_requests_never_exceed_limit()
    {
        var settings = new LimitSettings(MessagesPerWindow: 10, WindowSeconds: 60);
        await using var first = await LimitsTestApp.StartAsync(redis.Server, settings);
        await using var second = await LimitsTestApp.StartAsync(redis.Server, settings);

        // 50 at once, half through each replica: the script is atomic, so exactly the limit gets through.
        var responses = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => (i % 2 == 0 ? first : second).SendMessageAsync("erin")));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Unauthenticated_caller_is_refused_before_the_limiter()
    {
        await using var app = await LimitsTestApp.StartAsync(redis.Server, new LimitSettings());

        using var response = await app.Client.PostAsync("/messages", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
