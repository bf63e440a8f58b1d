using System.Text.Json;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// One tool: its declaration (name, description, JSON schema), which is the only copy the agents ever see, and its
/// execution with policy enforced in code.
/// </summary>
public interface ITool
{
    string Name { get; }

    string Description { get; }

    /// <summary>A JSON schema object for the arguments.</summary>
    JsonElement Parameters { get; }

    Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct);
}

/// <param name="CustomerId">From the token's subject, never from the arguments.</param>
/// <param name="ProposalId">X-Proposal-Id when the Api sent it.</param>
/// <param name="ApprovedBy">The agent who approved the action (token claim <c>approved_by</c>): waives the cap, the daily
/// ceiling and the second-reship rule, never the refundable amount or the order's ownership.</param>
public sealed record ToolCall(
    string CustomerId, string ThreadId, string CallId, ToolArguments Arguments, string? ProposalId = null, string? ApprovedBy = null)
{
    /// <summary>
    /// The proposal a money action carries out. Until every caller sends X-Proposal-Id, the tool call id stands in:
    /// a retried call keeps its id (and replays), a genuine second refund in another turn gets a new one.
    /// </summary>
    public string EffectiveProposalId => ProposalId ?? CallId;
}

public sealed record ToolDeclaration(string Name, string Description, JsonElement Parameters);

public static class ToolSchema
{
    public static JsonElement Parse(string schema) => JsonDocument.Parse(schema).RootElement.Clone();
}
