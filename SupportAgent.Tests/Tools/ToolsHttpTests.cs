using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Tools;

/// <summary>The ToolsService's HTTP contract: declarations, tokens, headers and bodies (docs/CONTRACTS.md).</summary>
[Collection(WholeAppCollection.Name)]
public sealed class ToolsHttpTests(WholeAppFixture fixture)
{
    private readonly ToolsClient _tools = new(fixture.App.CreateHttpClient("toolsservice"));

    [Fact]
    public async Task Tools_are_declared_with_descriptions_and_schemas()
    {
        var declarations = await _tools.Http.GetFromJsonAsync<JsonArray>("/tools");

        var names = declarations!.Select(d => d!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(
            new[] { "escalate_to_human", "get_order", "get_tracking", "issue_refund", "list_orders", "reship", "search_docs" },
            names.Order());
        Assert.All(declarations!, d =>
        {
            Assert.True(d!["description"]!.GetValue<string>().Length > 80);
            Assert.Equal("object", d["parameters"]!["type"]!.GetValue<string>());
        });
        var refund = declarations!.Single(d => d!["name"]!.GetValue<string>() == "issue_refund")!;
        Assert.DoesNotContain(refund["parameters"]!["properties"]!.AsObject(), p => p.Key.Contains("customer"));
    }

    [Fact]
    public async Task Bad_token_is_401()
    {
        string?[] tokens =
        [
            null,
            "not-a-jwt",
            ToolsTokens.For("cust_001", signingKey: "another-signing-key-0123456789-abcdefghijklmnop"),
            // The Api's customer/agent key is not the tools key: the ToolsService does not even know it.
            ToolsTokens.For("cust_001", signingKey: AppHostRunner.SigningKey),
            ToolsTokens.For("cust_001", audience: "supportagent-api"),
            ToolsTokens.For("cust_001", issuer: "someone-else"),
            ToolsTokens.For("cust_001", expiresIn: TimeSpan.FromMinutes(-5)),
            ToolsTokens.For(subject: null),
            // HS256 is pinned: the right key under another algorithm is refused.
            TestTokens.Mint("cust_001", null, ToolsTokens.Audience, DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5),
                key: AppHostRunner.ToolsSigningKey, algorithm: Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha384),
        ];
        foreach (var token in tokens)
        {
            var result = await _tools.SendAsync("get_order", """{"order_id":"1001"}""", token);

            Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
            Assert.Contains(result.ProblemCode, new[] { "missing_token", "invalid_token" });
            Assert.Null(result.Outcome);
        }
    }

    [Fact]
    public async Task Unknown_tool_is_404()
    {
        var result = await _tools.CallAsync("cust_001", "wire_money", new { amount = 100 });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal("unknown_tool", result.ProblemCode);
    }

    [Fact]
    public async Task Malformed_body_or_missing_headers_are_400()
    {
        var token = ToolsTokens.For("cust_001");

        var notJson = await _tools.SendAsync("get_order", "{order_id: 1001", token);
        var notObject = await _tools.SendAsync("get_order", "[1001]", token);
        var noHeaders = await _tools.SendAsync("get_order", """{"order_id":"1001"}""", token, withCallHeaders: false);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_json"), (notJson.Status, notJson.ProblemCode));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_json"), (notObject.Status, notObject.ProblemCode));
        Assert.Equal((HttpStatusCode.BadRequest, "missing_header"), (noHeaders.Status, noHeaders.ProblemCode));
    }

    [Fact]
    public async Task Missing_argument_is_an_error_outcome_the_model_can_correct()
    {
        var result = await _tools.CallAsync("cust_001", "get_order", new { });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("error", result.Outcome);
        Assert.Equal("invalid_arguments", result.Data!["code"]!.GetValue<string>());
        Assert.Contains("order_id", result.Message);
    }

    [Fact]
    public async Task Escalate_to_human_is_audited_as_escalated()
    {
        var result = await _tools.CallAsync("cust_003", "escalate_to_human", new { reason = "Customer asked for a person" });

        Assert.Equal("escalated", result.Outcome);
        Assert.Equal("Customer asked for a person", result.Data!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dev_customers_lists_the_seeded_customers_with_their_orders()
    {
        var customers = await _tools.Http.GetFromJsonAsync<JsonArray>("/dev/customers");

        Assert.Equal(60, customers!.Count);
        var alice = customers.Single(c => c!["id"]!.GetValue<string>() == "cust_001")!;
        Assert.Equal("Alice Martin", alice["name"]!.GetValue<string>());
        var orders = alice["orders"]!.AsArray();
        Assert.Equal(10, orders.Count);
        Assert.Contains(orders, o => o!["id"]!.GetValue<long>() == 1004 && o["total"]!.GetValue<decimal>() == 749.00m);
    }
}
