using System.Diagnostics;
using SupportAgent.ToolsService.Audit;
using SupportAgent.ToolsService.Backends;

namespace SupportAgent.ToolsService.Tools;

/// <param name="ProposalId">X-Proposal-Id: the confirmed proposal a money action carries out, when the Api sends it.</param>
public sealed record ToolCallHeaders(string ThreadId, string CallId, string? TurnId, string? Node, string? ProposalId = null);

public abstract record Invocation
{
    public sealed record Completed(string ResultJson, bool Replayed) : Invocation;

    public sealed record CallIdReused : Invocation;
}

/// <summary>
/// Runs one tool call the audited way: record it, execute it (or replay the recorded result), complete the record,
/// and emit its span. Backend failures become outcome <c>error</c>, never an HTTP 500.
/// </summary>
public sealed class ToolInvoker(IEnumerable<ITool> tools, ToolCallAudit audit, ILogger<ToolInvoker> logger)
{
    private readonly Dictionary<string, ITool> _tools = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public IEnumerable<ToolDeclaration> Declarations => _tools.Values.Select(t => new ToolDeclaration(t.Name, t.Description, t.Parameters));

    public ITool? Find(string name) => _tools.GetValueOrDefault(name);

    /// <param name="approvedBy">The agent who approved this action (the token's <c>approved_by</c> claim), if any.</param>
    public async Task<Invocation> InvokeAsync(
        ITool tool, string customerId, string? approvedBy, ToolCallHeaders headers, ToolArguments arguments, CancellationToken ct)
    {
        using var activity = ToolTelemetry.Source.StartActivity($"tool {tool.Name}");
        activity?.SetTag("tool.name", tool.Name);
        activity?.SetTag("support.thread_id", headers.ThreadId);
        activity?.SetTag("support.turn_id", headers.TurnId);
        activity?.SetTag("support.node", headers.Node);
        activity?.SetTag("tool.call_id", headers.CallId);
        activity?.SetTag("tool.proposal_id", headers.ProposalId);
        activity?.SetTag("tool.approved_by", approvedBy);

        var start = await audit.StartAsync(new ToolCallRecord(
            headers.ThreadId, headers.TurnId, headers.CallId, headers.Node, tool.Name, customerId, arguments.Root.GetRawText(),
            headers.ProposalId, approvedBy), ct);
        switch (start)
        {
            case AuditStart.Mismatch:
                activity?.SetStatus(ActivityStatusCode.Error, "tool call id reused");
                return new Invocation.CallIdReused();
            case AuditStart.Replay replay:
                activity?.SetTag("tool.replayed", true);
                ToolTelemetry.Calls.Add(1, new("tool.name", tool.Name), new("tool.replayed", true));
                return new Invocation.Completed(replay.ResultJson, Replayed: true);
        }

        var execute = (AuditStart.Execute)start;
        activity?.SetTag("tool.attempt", execute.Attempt);
        var stopwatch = Stopwatch.StartNew();
        // Once recorded, the call runs to the end even if the caller goes away: cancelled half-way (the Api killed while
        // the provider was refunding), the row stayed pending, the retry executed again, found the order already
        // refunded and told the customer it could not refund. The backends' own timeouts bound how long this takes.
        var result = await ExecuteAsync(tool, new ToolCall(customerId, headers.ThreadId, headers.CallId, arguments, headers.ProposalId, approvedBy), CancellationToken.None);
        var elapsed = stopwatch.ElapsedMilliseconds;
        var json = result.ToJson();
        // The effect has happened: record it even if the caller has gone away meanwhile.
        await audit.CompleteAsync(execute.Id, result.Outcome, json, result.IdempotencyKey, elapsed, CancellationToken.None);

        activity?.SetTag("tool.outcome", result.Outcome);
        activity?.SetTag("tool.idempotency_key", result.IdempotencyKey);
        if (result.Outcome == ToolOutcomes.Error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Message);
        }
        ToolTelemetry.Calls.Add(1, new("tool.name", tool.Name), new("tool.outcome", result.Outcome));
        ToolTelemetry.Duration.Record(elapsed, new KeyValuePair<string, object?>("tool.name", tool.Name));
        return new Invocation.Completed(json, Replayed: false);
    }

    private async Task<ToolResult> ExecuteAsync(ITool tool, ToolCall call, CancellationToken ct)
    {
        try
        {
            return await tool.InvokeAsync(call, ct);
        }
        catch (BackendUnavailableException ex)
        {
            logger.LogWarning(ex, "Tool {Tool} failed: {Backend} backend unavailable", tool.Name, ex.Backend);
            return ToolResult.Error(ex.CustomerMessage, new { code = "backend_unavailable", backend = ex.Backend });
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Tool {Tool} failed unexpectedly", tool.Name);
            return ToolResult.Error("Something went wrong on our side while doing that. Please try again in a few minutes.",
                new { code = "tool_failed" });
        }
    }
}
