using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportAgent.Api.Limits;
using SupportAgent.ServiceDefaults.Http;

namespace SupportAgent.Tests.Limits;

/// <summary>
/// What a test app is configured with; every app gets its own key prefix unless it shares one on purpose.
/// The default Redis timeout is roomy: tests that are not about slowness must not fall back on a busy 2-core machine.
/// </summary>
public sealed record LimitSettings(
    int MessagesPerWindow = 5,
    int WindowSeconds = 60,
    decimal DailySpendCapDollars = 1.00m,
    int RedisTimeoutMs = 2000,
    int ProbeIntervalSeconds = 1)
{
    public string KeyPrefix { get; init; } = $"t{Guid.NewGuid():N}:"[..14];
}

/// <summary>
/// A minimal Api on Kestrel (loopback, free port) wired the way Program.cs wires limits: Aspire's Redis client,
/// authentication, <c>AddCustomerLimits</c>, <c>UseRateLimiter</c> after authorization, and /health from service defaults.
/// </summary>
internal sealed class LimitsTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LimitsTestApp(WebApplication app, LogSink logs)
    {
        _app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Client { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="time">The app's clock; a test that moves time past the breaker's interval passes its own.</param>
    public static async Task<LimitsTestApp> StartAsync(RedisServer redis, LimitSettings settings, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis.ConnectionString,
            ["Limits:MessagesPerMinute"] = settings.MessagesPerWindow.ToString(CultureInfo.InvariantCulture),
            ["Limits:WindowSeconds"] = settings.WindowSeconds.ToString(CultureInfo.InvariantCulture),
            ["Limits:DailySpendCapDollars"] = settings.DailySpendCapDollars.ToString(CultureInfo.InvariantCulture),
            ["Limits:RedisTimeoutMs"] = settings.RedisTimeoutMs.ToString(CultureInfo.InvariantCulture),
            ["Limits:RedisProbeIntervalSeconds"] = settings.ProbeIntervalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Limits:KeyPrefix"] = settings.KeyPrefix,
        });
        var logs = new LogSink();
        builder.Logging.ClearProviders().AddProvider(logs);

        // Aspire's own Redis check would say Unhealthy during an outage; these tests look at redis-limits.
        builder.AddRedisClient("redis", s => s.DisableHealthChecks = true);
        builder.Services.AddAuthentication(TestAuthHandler.Scheme)
            .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.Scheme, null);
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDefaults();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.AddCustomerLimits();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapDefaultEndpoints();
        app.MapPost("/messages", () => Results.Ok())
            .RequireAuthorization()
            .RequireRateLimiting(LimitPolicies.CustomerMessages);
        app.MapPost("/turns", HandleTurnAsync).RequireAuthorization();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new LimitsTestApp(app, logs);
    }

    /// <summary>What the message endpoint does with spend: check before the turn, record what it cost after.</summary>
    private static async Task<IResult> HandleTurnAsync(HttpContext http, ISpendLedger ledger, decimal cost, CancellationToken cancellationToken)
    {
        var customerId = http.User.FindFirst("sub")!.Value;
        var check = await ledger.CheckAsync(customerId, cancellationToken);
        if (!check.Allowed)
        {
            return LimitProblems.SpendCapReached(check);
        }
        await ledger.RecordAsync(customerId, cost, cancellationToken);
        return Results.Ok();
    }

    /// <summary>Asks for a stream, as the chat does, so a 429 must still come back as problem JSON.</summary>
    public Task<HttpResponseMessage> SendMessageAsync(string customerId)
    {
        var request = Request(HttpMethod.Post, "/messages", customerId);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> TakeTurnAsync(string customerId, decimal cost) =>
        Client.SendAsync(Request(HttpMethod.Post, $"/turns?cost={cost.ToString(CultureInfo.InvariantCulture)}", customerId));

    /// <summary>The overall status and the redis-limits entry of /health.</summary>
    public async Task<(int HttpStatus, string Overall, string Limits)> HealthAsync()
    {
        using var response = await Client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body.GetProperty("status").GetString()!,
            body.GetProperty("checks").GetProperty("redis-limits").GetProperty("status").GetString()!);
    }

    public async Task WaitForHealthAsync(string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last;
        while ((last = (await HealthAsync()).Limits) != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"redis-limits stayed {last}, expected {status}.");
            await Task.Delay(200);
        }
    }

    public IMeterFactory MeterFactory => _app.Services.GetRequiredService<IMeterFactory>();

    private static HttpRequestMessage Request(HttpMethod method, string path, string customerId) =>
        new(method, path) { Headers = { { TestAuthHandler.SubjectHeader, customerId } } };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
