using Dapper;
using Npgsql;

namespace SupportAgent.Api.Metrics;

public sealed record CsatFigures(double? Mean, double? ShareFourOrFive, long Count);

public sealed record MetricCounts(
    long Threads, long ThreadsWithCustomerMessage, long Resolved, long ResolvedWithoutHandoff, long WithHandoff,
    long Turns, long Ratings);

public sealed record SupportFigures(
    DateTimeOffset From, DateTimeOffset To, double? DeflectionRate, double? EscalationRate,
    double? FirstResponseP50Ms, double? FirstResponseP95Ms, CsatFigures BotCsat, CsatFigures HumanCsat,
    decimal? CostPerResolvedTicket, decimal ResolvedSpend, MetricCounts Counts);

/// <summary>
/// The support leads' figures of ARCHITECTURE.md §8, computed from PostgreSQL for threads started in [from, to):
/// deflection = resolved without a handoff / resolved; escalation = with a handoff / with a customer message;
/// first response = turn received to first reply text; CSAT split by who resolved; cost per resolved ticket =
/// model spend of resolved threads / resolved threads.
/// </summary>
public sealed class SupportMetricsQuery(NpgsqlDataSource db)
{
    public async Task<SupportFigures> ComputeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var row = await c.QuerySingleAsync<Row>(new CommandDefinition(Sql, new { from = from.ToUniversalTime(), to = to.ToUniversalTime() }, cancellationToken: ct));
        var counts = new MetricCounts(row.Threads, row.WithCustomerMessage, row.Resolved, row.ResolvedWithoutHandoff,
            row.WithHandoff, row.Turns, row.BotRatings + row.HumanRatings);
        return new SupportFigures(
            from, to,
            Ratio(row.ResolvedWithoutHandoff, row.Resolved),
            Ratio(row.WithHandoff, row.WithCustomerMessage),
            row.P50Ms, row.P95Ms,
            new CsatFigures(row.BotMean, Ratio(row.BotHigh, row.BotRatings), row.BotRatings),
            new CsatFigures(row.HumanMean, Ratio(row.HumanHigh, row.HumanRatings), row.HumanRatings),
            row.Resolved == 0 ? null : Math.Round(row.ResolvedSpend / row.Resolved, 6),
            row.ResolvedSpend,
            counts);
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private const string Sql =
        """
        WITH t AS (
            SELECT th.id, th.status = 'resolved' AS resolved,
                   (th.had_handoff OR EXISTS (SELECT 1 FROM handoffs h WHERE h.thread_id = th.id)) AS handed,
                   EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = th.id AND m.role = 'customer') AS asked
            FROM threads th WHERE th.created_at >= @from AND th.created_at < @to
        ),
        turn_times AS (
            SELECT EXTRACT(EPOCH FROM (tu.first_reply_at - tu.received_at)) * 1000 AS ms
            FROM turns tu JOIN t ON t.id = tu.thread_id
            WHERE tu.status = 'completed' AND tu.first_reply_at IS NOT NULL
              -- Customer turns only: a person's decision at the HUMAN port (HandoffService keys it return:, resolve:,
              -- approve: or deny: and the handoff id) answers no customer message.
              AND (tu.client_key IS NULL OR tu.client_key !~ '^(return|resolve|approve|deny):ho_')
        ),
        ratings AS (
            SELECT f.rating, t.handed FROM feedback f JOIN t ON t.id = f.thread_id WHERE t.resolved
        )
        SELECT
            (SELECT count(*) FROM t) AS threads,
            (SELECT count(*) FROM t WHERE asked) AS with_customer_message,
            (SELECT count(*) FROM t WHERE resolved) AS resolved,
            (SELECT count(*) FROM t WHERE resolved AND NOT handed) AS resolved_without_handoff,
            (SELECT count(*) FROM t WHERE handed AND asked) AS with_handoff,
            (SELECT count(*) FROM turn_times) AS turns,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM turn_times) AS p50_ms,
            (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) FROM turn_times) AS p95_ms,
            (SELECT avg(rating)::float8 FROM ratings WHERE NOT handed) AS bot_mean,
            (SELECT count(*) FROM ratings WHERE NOT handed AND rating >= 4) AS bot_high,
            (SELECT count(*) FROM ratings WHERE NOT handed) AS bot_ratings,
            (SELECT avg(rating)::float8 FROM ratings WHERE handed) AS human_mean,
            (SELECT count(*) FROM ratings WHERE handed AND rating >= 4) AS human_high,
            (SELECT count(*) FROM ratings WHERE handed) AS human_ratings,
            (SELECT COALESCE(sum(tu.cost), 0) FROM turns tu JOIN t ON t.id = tu.thread_id WHERE t.resolved) AS resolved_spend
        """;

    private sealed record Row(
        long Threads, long WithCustomerMessage, long Resolved, long ResolvedWithoutHandoff, long WithHandoff, long Turns,
        double? P50Ms, double? P95Ms, double? BotMean, long BotHigh, long BotRatings, double? HumanMean, long HumanHigh,
        long HumanRatings, decimal ResolvedSpend);
}
