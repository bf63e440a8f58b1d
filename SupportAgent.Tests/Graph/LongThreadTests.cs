using Dapper;
using Npgsql;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Tools;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Graph;

/// <summary>
/// A thread's turns must cost the same at turn 200 as at turn 10: the checkpoint holds a bounded window of the
/// conversation and only the newest checkpoints are kept. And a long thread must not be answered from its past.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class LongThreadTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task A_long_thread_keeps_a_bounded_checkpoint_and_prunes_the_old_ones()
    {
        var thread = $"th_long_{Guid.NewGuid():n}";
        var support = (await fixture.App.GetConnectionStringAsync("support"))!;
        await using var graph = new GraphHarness(support, new FakeToolsHandler());
        await using var db = NpgsqlDataSource.Create(support);
        var turns = ConversationState.HistoryWindow + 4; // two lines a turn: the first turn leaves the window half-way
        var sizes = new List<int>();
        string? checkpoint = null;
        for (var n = 1; n <= turns; n++)
        {
            var text = n == 1 ? "Hello, Quentin Marlowe here with a question" : n % 2 == 0 ? "How do returns work?" : "Thanks!";
            checkpoint = (await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", $"t{n}", text, checkpoint), new RecordingSink(), default)).CheckpointId;
            sizes.Add(await LatestSizeAsync(db, thread));
        }

        var latest = await LatestDataAsync(db, thread);
        Assert.DoesNotContain("Quentin Marlowe", latest);
        Assert.InRange(await RowsAsync(db, thread), 1, new CheckpointOptions().KeepPerThread);
        // Once the window is full, the same exchange again stores a checkpoint of the same size, not a larger one.
        Assert.Equal(sizes[^5], sizes[^1]);
    }

    [Fact]
    public async Task A_question_asked_again_late_in_a_long_thread_calls_its_tool_again()
    {
        // The offline engine's call ids come from the history window; once the window is full of the same exchange,
        // they repeat. Each turn's call must reach the ToolsService under an id of its own: under an id already recorded
        // for the thread it would get that earlier turn's result back (a stale order status) instead of executing.
        var tools = new FakeToolsHandler();
        var thread = $"th_long_{Guid.NewGuid():n}";
        var support = (await fixture.App.GetConnectionStringAsync("support"))!;
        await using var graph = new GraphHarness(support, tools);
        var turns = ConversationState.HistoryWindow / 2 + 3;
        string? checkpoint = null;
        var modelCallIds = new List<string>();
        for (var n = 1; n <= turns; n++)
        {
            var sink = new RecordingSink();
            checkpoint = (await graph.Runner.RunTurnAsync(new TurnRequest(thread, "cust_001", $"t{n}", "What's the status of order 1001?", checkpoint), sink, default)).CheckpointId;
            modelCallIds.AddRange(sink.Events.OfType<ToolCallEvent>().Select(e => e.CallId));
        }

        var calls = tools.Calls.Where(c => c.Tool == "get_order").ToList();
        Assert.Equal(turns, calls.Count);
        Assert.True(modelCallIds.Distinct().Count() < modelCallIds.Count, "the offline engine's ids were expected to repeat in this thread");
        Assert.Equal(calls.Count, calls.Select(c => c.CallId).Distinct().Count());
    }

    [Fact]
    public void The_audit_call_id_is_the_models_id_qualified_by_the_turn()
    {
        var first = new ToolCallContext("cust_001", "th_1", "turn_a", "call_0", "ORDER_LOOKUP_TOOLS");
        Assert.Equal("turn_a/call_0", first.AuditCallId);
        Assert.Equal(first.AuditCallId, (first with { }).AuditCallId);
        Assert.NotEqual(first.AuditCallId, (first with { TurnId = "turn_b" }).AuditCallId);

        var longId = first with { CallId = new string('x', 400) };
        Assert.InRange(longId.AuditCallId.Length, 1, ToolCallContext.MaxAuditCallIdLength);
        Assert.NotEqual(longId.AuditCallId, (longId with { CallId = new string('x', 399) + "y" }).AuditCallId);
    }

    private static async Task<int> LatestSizeAsync(NpgsqlDataSource db, string thread)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.QuerySingleAsync<int>(
            "SELECT size_bytes FROM workflow_checkpoints WHERE session_id = @thread ORDER BY seq DESC LIMIT 1", new { thread });
    }

    private static async Task<string> LatestDataAsync(NpgsqlDataSource db, string thread)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.QuerySingleAsync<string>(
            "SELECT data::text FROM workflow_checkpoints WHERE session_id = @thread ORDER BY seq DESC LIMIT 1", new { thread });
    }

    private static async Task<int> RowsAsync(NpgsqlDataSource db, string thread)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.QuerySingleAsync<int>("SELECT count(*)::int FROM workflow_checkpoints WHERE session_id = @thread", new { thread });
    }
}
