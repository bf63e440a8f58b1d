using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using SupportAgent.Tests.Infrastructure;
using SupportAgent.Tests.Tools;

namespace SupportAgent.Tests.Backends;

/// <summary>
/// MockBackends answers only the ToolsService's service token (docs/CONTRACTS.md, "Tokens"): its own audience, its
/// own key, HS256. The orchestrator's probes stay anonymous.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class ServiceAuthTests(WholeAppFixture fixture)
{
    public static TheoryData<string> ProviderEndpoints =>
    [
        "/orders/1001",
        "/customers?includeOrders=true",
        "/payments/charges/1001",
        "/shipping/orders/1001",
        "/docs/search?q=refund",
        "/admin/faults",
    ];

    [Theory]
    [MemberData(nameof(ProviderEndpoints))]
    public async Task Provider_endpoints_refuse_every_caller_without_the_service_token(string path)
    {
        var now = DateTime.UtcNow;
        (string Name, string? Token, string Code)[] callers =
        [
            ("no token", null, "missing_token"),
            ("garbage", "not.a.jwt", "invalid_token"),
            ("the Api's tools token (tools audience, tools key)", ToolsTokens.For("cust_001"), "invalid_token"),
            ("tools audience signed with the backends key", BackendsTokens.For(audience: ToolsTokens.Audience), "invalid_token"),
            ("signed with another key", BackendsTokens.For(key: "another-backends-key-0123456789-abcdefghijklmnop"), "invalid_token"),
            ("signed with the Api's key", BackendsTokens.For(key: AppHostRunner.SigningKey), "invalid_token"),
            ("signed with the tools key", BackendsTokens.For(key: AppHostRunner.ToolsSigningKey), "invalid_token"),
            ("expired", TestTokens.Mint("toolsservice", null, BackendsTokens.Audience, now.AddHours(-2), now.AddHours(-1),
                AppHostRunner.BackendsSigningKey), "invalid_token"),
            // HS256 is pinned: the right key under another algorithm is refused.
            ("HS384 with the backends key", TestTokens.Mint("toolsservice", null, BackendsTokens.Audience, now, now.AddMinutes(5),
                AppHostRunner.BackendsSigningKey, algorithm: SecurityAlgorithms.HmacSha384), "invalid_token"),
        ];
        using var http = fixture.App.CreateHttpClient("mockbackends");
        foreach (var (name, token, code) in callers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} on {path}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(code, problem!["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_refund_without_the_service_token_moves_no_money()
    {
        var backends = new BackendsClient(fixture.App.CreateBackendsHttpClient());
        var order = await backends.ClaimOrderAsync("delivered");
        var before = BackendsClient.RefundCount(await backends.ChargeAsync(order.OrderId));
        using var anonymous = fixture.App.CreateHttpClient("mockbackends");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/payments/refunds")
        {
            Content = JsonContent.Create(new { orderId = order.OrderId, amount = 1.00m, reason = "test" }),
        };
        request.Headers.Add("Idempotency-Key", $"s2s-test-{Guid.NewGuid():N}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ToolsTokens.For(order.CustomerId));

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, BackendsClient.RefundCount(await backends.ChargeAsync(order.OrderId)));
    }

    [Fact]
    public async Task The_service_token_is_accepted_and_probes_stay_anonymous()
    {
        using var service = fixture.App.CreateBackendsHttpClient();
        using var order = await service.GetAsync("/orders/1001");
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);

        using var anonymous = fixture.App.CreateHttpClient("mockbackends");
        foreach (var probe in new[] { "/health", "/alive" })
        {
            using var response = await anonymous.GetAsync(probe);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
