using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Metrics;

/// <summary>
/// ARCHITECTURE.md §8 figures computed by <c>GET /api/metrics/support</c> on a set of threads in a window of their own
/// (January 2001, far from the threads other tests create), with every expected figure worked out by hand below.
/// </summary>
[Collection(WholeAppCollection.Name)]
public sealed class SupportMetricsTests(WholeAppFixture fixture)
{
    private static readonly DateTimeOffset Day = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Metrics_match_the_figures_worked_out_by_hand()
    {
        await SeedAsync();
        var agent = await fixture.AgentAsync();

        var m = await agent.Http.GetFromJsonAsync<JsonElement>("/api/metrics/support?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z&bucket=day");

        var counts = m.GetProperty("counts");
        Assert.Equal(5, counts.GetProperty("threads").GetInt64());
        Assert.Equal(4, counts.GetProperty("threadsWithCustomerMessage").GetInt64());
        Assert.Equal(3, counts.GetProperty("resolved").GetInt64());
        Assert.Equal(2, counts.GetProperty("resolvedWithoutHandoff").GetInt64());
        Assert.Equal(2, counts.GetProperty("withHandoff").GetInt64());
        // Deflection: resolved without a handoff (T1, T2) / resolved (T1, T2, T3) = 2/3.
        Assert.Equal(0.6667, m.GetProperty("deflectionRate").GetDouble(), 4);
        // Escalation: threads with a handoff (T3, T4) / threads with a customer message (T1-T4) = 2/4.
        Assert.Equal(0.5, m.GetProperty("escalationRate").GetDouble(), 4);
        // First responses 500, 1000, 2000, 3000, 4000 ms: p50 = 2000; p95 = 3000 + 0.8 * 1000 (linear interpolation).
        Assert.Equal(2000, m.GetProperty("firstResponseP50Ms").GetDouble(), 0);
        Assert.Equal(3800, m.GetProperty("firstResponseP95Ms").GetDouble(), 0);
        // CSAT: bot-resolved ratings 5 and 4; human-resolved rating 2 (T4's open handoff is not resolved).
        var bot = m.GetProperty("csat").GetProperty("bot");
        Assert.Equal(4.5, bot.GetProperty("mean").GetDouble(), 3);
        Assert.Equal(1.0, bot.GetProperty("shareFourOrFive").GetDouble(), 3);
        Assert.Equal(2, bot.GetProperty("count").GetInt64());
        var human = m.GetProperty("csat").GetProperty("human");
        Assert.Equal(2.0, human.GetProperty("mean").GetDouble(), 3);
        Assert.Equal(0.0, human.GetProperty("shareFourOrFive").GetDouble(), 3);
        // Cost per resolved ticket: (0.01 + 0.02 + 0.03 + 0.05) / 3 resolved threads.
        Assert.Equal(0.036667, m.GetProperty("costPerResolvedTicket").GetDouble(), 6);
        Assert.Single(m.GetProperty("series").EnumerateArray());
    }

    [Fact]
    public async Task Metrics_are_for_agents_only_and_validate_the_window()
    {
        var customer = await fixture.CustomerAsync("cust_030");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await customer.Http.GetAsync("/api/metrics/support")).StatusCode);
        var agent = await fixture.AgentAsync();
        await Conversations.CustomerApiTests.AssertProblem(
            await agent.Http.GetAsync("/api/metrics/support?from=2001-01-02T00:00:00Z&to=2001-01-01T00:00:00Z"),
            System.Net.HttpStatusCode.BadRequest, "validation_failed");
    }

    private async Task SeedAsync()
    {
        await using var db = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync("support"))!);
        await using (var clear = db.CreateCommand("SELECT count(*) FROM threads WHERE id LIKE 'th_metrics_%'"))
        {
            if ((long)(await clear.ExecuteScalarAsync())! > 0) return;
        }
        var at = Day.AddHours(10);
        // id, status, resolution, had_handoff
        await ThreadAsync(db, "T1", "resolved", "customer_confirmed", false, at);
        await ThreadAsync(db, "T2", "resolved", "inactivity", false, at);
        await ThreadAsync(db, "T3", "resolved", "agent_resolved", true, at);
        await ThreadAsync(db, "T4", "awaiting_human", null, true, at);
        await ThreadAsync(db, "T5", "active", null, false, at);
        foreach (var t in new[] { "T1", "T2", "T3", "T4" }) await MessageAsync(db, t, at);
        await TurnAsync(db, "T1", 1, 1000, 0.01m, at);
        await TurnAsync(db, "T1", 2, 3000, 0.02m, at);
        await TurnAsync(db, "T2", 1, 2000, 0.03m, at);
        await TurnAsync(db, "T3", 1, 500, 0.05m, at);
        await TurnAsync(db, "T4", 1, 4000, 0.04m, at);
        await ExecAsync(db, "INSERT INTO handoffs (id, thread_id, status, reason, lane, summary, created_at) VALUES ('ho_metrics_T3', 'th_metrics_T3', 'resolved', 'customer_upset', 'REFUND', '-', @at)", at);
        await ExecAsync(db, "INSERT INTO handoffs (id, thread_id, status, reason, lane, summary, created_at) VALUES ('ho_metrics_T4', 'th_metrics_T4', 'open', 'customer_asked_for_person', 'GENERAL', '-', @at)", at);
        await ExecAsync(db, "INSERT INTO feedback (thread_id, rating) VALUES ('th_metrics_T1', 5), ('th_metrics_T2', 4), ('th_metrics_T3', 2)", at);
    }

    private static Task ThreadAsync(NpgsqlDataSource db, string id, string status, string? resolution, bool handoff, DateTimeOffset at) =>
        ExecAsync(db,
            $"INSERT INTO threads (id, customer_id, status, resolution, had_handoff, created_at, last_activity_at, resolved_at) VALUES ('th_metrics_{id}', 'cust_050', '{status}', {(resolution is null ? "NULL" : $"'{resolution}'")}, {handoff}, @at, @at, {(status == "resolved" ? "@at" : "NULL")})",
            at);

    private static Task MessageAsync(NpgsqlDataSource db, string thread, DateTimeOffset at) =>
        ExecAsync(db, $"INSERT INTO messages (id, thread_id, role, text, created_at) VALUES ('msg_metrics_{thread}', 'th_metrics_{thread}', 'customer', 'hello', @at)", at);

    private static Task TurnAsync(NpgsqlDataSource db, string thread, int n, int ms, decimal cost, DateTimeOffset at) =>
        ExecAsync(db,
            $"INSERT INTO turns (id, thread_id, status, received_at, first_reply_at, completed_at, cost) VALUES ('turn_metrics_{thread}_{n}', 'th_metrics_{thread}', 'completed', @at, @at + interval '{ms} milliseconds', @at, {cost.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
            at);

    private static async Task ExecAsync(NpgsqlDataSource db, string sql, DateTimeOffset at)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync();
    }
}
