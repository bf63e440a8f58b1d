using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportAgent.Api.Auth;

namespace SupportAgent.Api.Tools;

/// <summary>Identifies one tool call for the ToolsService's audit and replay (docs/CONTRACTS.md).</summary>
/// <param name="CallId">The model's id for the call: unique within one response, not necessarily within a thread.</param>
/// <param name="ProposalId">The confirmed proposal a money call executes, sent as <c>X-Proposal-Id</c>.</param>
/// <param name="ApprovedBy">The agent who approved it above policy limits, sent as the tools token's <c>approved_by</c>.</param>
public sealed record ToolCallContext(
    string CustomerId, string ThreadId, string TurnId, string CallId, string Node, string? ProposalId = null, string? ApprovedBy = null)
{
    /// <summary>
    /// The <c>X-Tool-Call-Id</c> the ToolsService records and replays the call by: the model's id qualified by the turn.
    /// A model's call ids need not be unique across a thread (the offline engine derives them from the history window,
    /// which repeats itself in a long thread; some servers number them call_0, call_1 in every response), and an id
    /// seen again would get an earlier turn's recorded result. A turn run again after a crash keeps its turn id, so
    /// its calls still replay.
    /// </summary>
    public string AuditCallId => $"{TurnId}/{CallId}" is { Length: <= MaxAuditCallIdLength } id
        ? id
        : $"{TurnId}/sha256:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(CallId)))}";

    /// <summary>The ToolsService's limit on <c>X-Tool-Call-Id</c>.</summary>
    public const int MaxAuditCallIdLength = 200;
}

/// <summary>
/// The typed client of the ToolsService (<c>http://toolsservice</c> through service discovery). A failure to reach
/// the service is a normal <c>error</c> result, so the agent can explain it and the graph can escalate.
/// </summary>
public sealed class ToolsClient(HttpClient http, TokenIssuer tokens, ILogger<ToolsClient> logger)
{
    public const string ProposalIdHeader = "X-Proposal-Id";

    public async Task<ToolResult> CallAsync(ToolCallContext call, string tool, string argumentsJson, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"tools/{Uri.EscapeDataString(tool)}")
        {
            Content = new StringContent(argumentsJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.IssueForTools(call.CustomerId, call.ApprovedBy));
        request.Headers.Add("X-Thread-Id", call.ThreadId);
        request.Headers.Add("X-Tool-Call-Id", call.AuditCallId);
        request.Headers.Add("X-Turn-Id", call.TurnId);
        request.Headers.Add("X-Node", call.Node);
        if (call.ProposalId is not null) request.Headers.Add(ProposalIdHeader, call.ProposalId);
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<ToolResult>(ct)
                    ?? new ToolResult(ToolOutcomes.Error, "The tool returned nothing.");
            }
            var body = await response.Content.ReadAsStringAsync(ct);
            logger.LogWarning("Tool {Tool} answered {Status}: {Body}", tool, (int)response.StatusCode, body);
            return new ToolResult(ToolOutcomes.Error, $"The {tool} tool could not be used just now.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or Polly.ExecutionRejectedException
            && !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Tool {Tool} is unreachable", tool);
            return new ToolResult(ToolOutcomes.Error, $"The {tool} tool is unavailable right now.");
        }
    }

    public async Task<IReadOnlyList<ToolDeclaration>> ListAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<List<ToolDeclaration>>("tools", ct) ?? [];

    public async Task<JsonElement> DevCustomersAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>("dev/customers", ct);
}

public sealed record ToolDeclaration(string Name, string Description, JsonElement Parameters)
{
    public AIFunctionDeclaration ToAIFunction() => AIFunctionFactory.CreateDeclaration(Name, Description, Parameters);
}
