using System.Text.Json;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Graph;

/// <summary>
/// ROUTE's reads in one turn (<see cref="Prefetch"/>). Each runs through the ToolsService as the customer, audited
/// under the node ROUTE like any call (so only the customer's own orders come back); the turn's stream shows each one
/// as a <c>tool_call</c> and <c>tool_result</c> after the route, whatever happens next; the specialist gets the ones its
/// lane is offered as completed tool calls in its <see cref="LaneTask"/>. A read is waited for at most
/// <see cref="GraphOptions.PrefetchWaitSeconds"/>: a slow or failed one is not handed over, and the specialist makes the
/// call itself, through its tool node, where failures count towards a handoff.
/// </summary>
public sealed class RoutePrefetcher(TurnScope scope, GraphServices services)
{
    public const string NodeId = RouteExecutor.NodeId;

    private sealed record Fetch(ToolRead Read, Task<ToolResult> Result);

    private readonly Dictionary<string, Fetch> _started = [];
    private readonly List<Fetch> _unannounced = [];

    private bool Enabled => services.Options.PrefetchWaitSeconds > 0;

    /// <summary>Starts the reads not yet made in this turn; returns at once.</summary>
    public void Start(IEnumerable<ToolRead> reads, CancellationToken ct)
    {
        if (!Enabled) return;
        foreach (var read in reads)
        {
            if (_started.ContainsKey(read.CallId)) continue;
            var fetch = new Fetch(read, RunAsync(read, ct));
            _started[read.CallId] = fetch;
            _unannounced.Add(fetch);
        }
    }

    /// <summary>
    /// The reads of <paramref name="lane"/> for <paramref name="text"/> (the request it serves now), started if need be,
    /// waited for and announced with every other read of the turn so far; returns those worth handing over.
    /// </summary>
    public async Task<IReadOnlyList<CompletedToolCall>> HandOverAsync(string lane, string text, CancellationToken ct)
    {
        var reads = Prefetch.ForLane(lane, text);
        Start(reads, ct);
        await AnnounceAsync(ct);
        var handed = new List<CompletedToolCall>();
        foreach (var read in reads)
        {
            if (!_started.TryGetValue(read.CallId, out var fetch)) continue;
            var result = await fetch.Result;
            if (result.Outcome != ToolOutcomes.Error)
                handed.Add(new CompletedToolCall(read.CallId, read.Tool, read.ArgumentsJson, result.Outcome, JsonSerializer.Serialize(result)));
        }
        return handed;
    }

    /// <summary>Waits for the reads started so far and shows the ones not yet shown on the turn's stream, in the order they started.</summary>
    public async Task AnnounceAsync(CancellationToken ct)
    {
        foreach (var fetch in _unannounced)
        {
            var result = await fetch.Result;
            await scope.EmitAsync(new ToolCallEvent(fetch.Read.CallId, fetch.Read.Tool, fetch.Read.Arguments), ct);
            await scope.EmitAsync(new ToolResultEvent(fetch.Read.CallId, fetch.Read.Tool, result.Outcome, result.Message), ct);
        }
        _unannounced.Clear();
    }

    private async Task<ToolResult> RunAsync(ToolRead read, CancellationToken ct)
    {
        // Off the caller's path: ROUTE goes on routing while this runs.
        await Task.Yield();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(services.Options.PrefetchWaitSeconds));
        var call = new ToolCallContext(scope.Request.CustomerId, scope.Request.ThreadId, scope.Request.TurnId, read.CallId, NodeId);
        try
        {
            return await ToolExecution.RunAsync(services, scope, call, read.Tool, read.ArgumentsJson, wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The ToolsService finishes and audits the call anyway; the specialist asks again if it needs it.
            services.Logger.LogInformation("Prefetch {Tool} not waited for beyond {Seconds} s on thread {ThreadId}",
                read.Tool, services.Options.PrefetchWaitSeconds, scope.Request.ThreadId);
            return new ToolResult(ToolOutcomes.Error, "Not waited for: the read took too long; the specialist looks it up itself if it needs it.");
        }
    }
}
