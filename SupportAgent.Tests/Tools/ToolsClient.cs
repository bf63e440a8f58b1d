using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAgent.Tests.Tools;

/// <summary>A tool call's answer: HTTP status, the envelope (or problem) and whether it was a replay.</summary>
public sealed record ToolResponse(HttpStatusCode Status, JsonObject Body, bool Replayed, string RawBody)
{
    public string? Outcome => Body["outcome"]?.GetValue<string>();

    public string Message => Body["message"]?.GetValue<string>() ?? "";

    public JsonNode? Data => Body["data"];

    public string? IdempotencyKey => Body["idempotencyKey"]?.GetValue<string>();

    public string? ProblemCode => Body["code"]?.GetValue<string>();
}

/// <summary>Calls the ToolsService the way the Api's tool node does: bearer token per customer plus the call headers.</summary>
public sealed class ToolsClient(HttpClient http)
{
    public HttpClient Http => http;

    /// <param name="proposalId">
    /// X-Proposal-Id. A money tool (issue_refund, reship) always carries one, as from the Api (the ToolsService refuses it
    /// otherwise): when null, the call id stands in, so each call is its own proposal and a call sent again replays.
    /// </param>
    /// <param name="approvedBy">The token's approved_by claim: a person approved the action.</param>
    public Task<ToolResponse> CallAsync(string customerId, string tool, object? arguments, string? threadId = null, string? callId = null,
        string? proposalId = null, string? approvedBy = null) =>
        SendAsync(tool, arguments is null ? "" : JsonSerializer.Serialize(arguments), ToolsTokens.For(customerId, approvedBy: approvedBy),
            threadId, callId, proposalId: proposalId);

    /// <param name="withProposal">False sends a money tool without X-Proposal-Id (to see it refused).</param>
    public async Task<ToolResponse> SendAsync(string tool, string body, string? token, string? threadId = null, string? callId = null,
        bool withCallHeaders = true, string? proposalId = null, bool withProposal = true)
    {
        callId ??= NewId("call");
        if (withProposal && withCallHeaders && tool is "issue_refund" or "reship") proposalId ??= callId;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/tools/{tool}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (withCallHeaders)
        {
            request.Headers.Add("X-Thread-Id", threadId ?? NewId("thread"));
            request.Headers.Add("X-Tool-Call-Id", callId);
            request.Headers.Add("X-Turn-Id", NewId("turn"));
            request.Headers.Add("X-Node", "TEST_TOOLS");
        }
        if (proposalId is not null && withProposal)
        {
            request.Headers.Add("X-Proposal-Id", proposalId);
        }
        using var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        var json = raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw)!.AsObject();
        var replayed = response.Headers.TryGetValues("X-Replayed", out var values) && values.Contains("true");
        return new ToolResponse(response.StatusCode, json, replayed, raw);
    }

    public static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
