using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportAgent.ServiceDefaults.Http;

namespace SupportAgent.Tests.Http;

/// <summary>
/// The one problem helper every service uses (<see cref="Problems"/>, <see cref="ProblemDefaults"/>), on a bare
/// Kestrel app set up as the services set themselves up: no AppHost, no database.
/// </summary>
public sealed class ProblemDefaultsTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDefaults();
        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.UseStatusCodePages();
        _app.MapPost("/orders", () => Problems.Create(StatusCodes.Status409Conflict, "order_locked", "Locked.", "Try later.",
            [new("orderId", 1001)]));
        _app.MapGet("/missing", () => Problems.NotFound("order_not_found", "No order 7."));
        _app.MapGet("/challenge", (HttpContext http) => Problems.WriteBearerChallengeAsync(http, tokenMissing: true, "Send a token."));
        _app.MapGet("/boom", IResult () => throw new InvalidOperationException("boom"));
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_service_problem_keeps_its_code_and_extensions_even_for_a_stream_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _client.SendAsync(request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict, "order_locked");
        Assert.Equal(1001, problem.GetProperty("orderId").GetInt32());
        Assert.Equal("Try later.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "/missing", HttpStatusCode.NotFound, "order_not_found")]
    [InlineData("GET", "/no-such-route", HttpStatusCode.NotFound, "not_found")]
    [InlineData("GET", "/orders", HttpStatusCode.MethodNotAllowed, "method_not_allowed")]
    [InlineData("GET", "/boom", HttpStatusCode.InternalServerError, "internal_error")]
    [InlineData("GET", "/challenge", HttpStatusCode.Unauthorized, "missing_token")]
    public async Task Every_error_is_a_problem_with_a_stable_code(string method, string path, HttpStatusCode status, string code)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await AssertProblemAsync(response, status, code);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task A_bearer_challenge_keeps_the_www_authenticate_header()
    {
        using var response = await _client.GetAsync("/challenge");

        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }
}
