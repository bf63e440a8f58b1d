using System.Net.Http.Headers;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>Service tokens for MockBackends, minted as the ToolsService does (docs/CONTRACTS.md, "Tokens").</summary>
public static class BackendsTokens
{
    public const string Audience = "supportagent-backends";

    public static string For(string key = AppHostRunner.BackendsSigningKey, string audience = Audience, TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        return TestTokens.Mint("toolsservice", role: null, audience, now, now + (lifetime ?? TimeSpan.FromHours(2)), key);
    }

    /// <summary>A client for MockBackends that carries a valid service token, for arranging and checking a test's world.</summary>
    public static HttpClient CreateBackendsHttpClient(this DistributedApplication app)
    {
        var http = app.CreateHttpClient("mockbackends");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", For());
        return http;
    }
}
