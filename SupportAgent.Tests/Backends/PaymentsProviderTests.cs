using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Backends;

/// <summary>The payments provider honours Idempotency-Key like a real one (ARCHITECTURE.md §9).</summary>
[Collection(WholeAppCollection.Name)]
public sealed class PaymentsProviderTests(WholeAppFixture fixture)
{
    private readonly BackendsClient _backends = new(fixture.App.CreateBackendsHttpClient());

    [Fact]
    public async Task Provider_idempotency_key_conflict_is_409()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total >= 10m && o.Total < 500m);
        var key = $"test-{Guid.NewGuid():N}";

        using var first = await RefundAsync(key, order.OrderId, 1.00m, "first");
        using var same = await RefundAsync(key, order.OrderId, 1.00m, "worded differently");
        using var other = await RefundAsync(key, order.OrderId, 2.00m, "another amount");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        Assert.Equal("true", same.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await same.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal("idempotency_key_conflict", (await other.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        var charge = await _backends.ChargeAsync(order.OrderId);
        Assert.Equal(1, BackendsClient.RefundCount(charge));
        Assert.Equal(1.00m, charge["refundedTotal"]!.GetValue<decimal>());
        Assert.Equal("partially_refunded", (await _backends.OrderAsync(order.OrderId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Provider_refunds_concurrent_duplicates_once()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);
        var key = $"test-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefundAsync(key, order.OrderId, order.Total, "double click")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
        Assert.Equal("refunded", (await _backends.OrderAsync(order.OrderId))["status"]!.GetValue<string>());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Provider_never_refunds_more_than_was_charged()
    {
        var order = await _backends.ClaimOrderAsync("delivered", o => o.Total < 500m);

        using var response = await RefundAsync($"test-{Guid.NewGuid():N}", order.OrderId, order.Total + 0.01m, "too much");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("amount_exceeds_refundable", (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Equal(0, BackendsClient.RefundCount(await _backends.ChargeAsync(order.OrderId)));
    }

    [Theory]
    [InlineData(null, """{"orderId":1001,"amount":1}""", HttpStatusCode.BadRequest, "idempotency_key_required")]
    [InlineData("k", """{"orderId":1001,"amount":1.234}""", HttpStatusCode.BadRequest, "invalid_amount")]
    [InlineData("k", """{"orderId":1001,"amount":-5}""", HttpStatusCode.BadRequest, "invalid_amount")]
    [InlineData("k", """{"orderId":""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("k", """{"orderId":"x","amount":1}""", HttpStatusCode.BadRequest, "bad_request")]
    [InlineData("k", """{"orderId":0,"amount":1}""", HttpStatusCode.BadRequest, "invalid_request")]
    [InlineData("k-missing-order", """{"orderId":999999,"amount":1}""", HttpStatusCode.NotFound, "order_not_found")]
    public async Task Bad_input_is_a_problem_never_a_500(string? key, string body, HttpStatusCode status, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/payments/refunds")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", $"{key}-{Guid.NewGuid():N}");
        }

        using var response = await _backends.Http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> RefundAsync(string key, long orderId, decimal amount, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/payments/refunds")
        {
            Content = JsonContent.Create(new { orderId, amount, reason }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return _backends.Http.SendAsync(request);
    }
}
