using SupportAgent.Api.Auth;
using SupportAgent.Api.Http;

namespace SupportAgent.Api.Metrics;

/// <summary><c>GET /api/metrics/support</c>: the support leads' figures over a window, with a series for charts.</summary>
public static class SupportMetricsApi
{
    public static IEndpointRouteBuilder MapSupportMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/metrics/support", async (DateTimeOffset? from, DateTimeOffset? to, string? bucket,
            SupportMetricsQuery query, TimeProvider clock, CancellationToken ct) =>
        {
            var end = to ?? clock.GetUtcNow();
            var start = from ?? end.AddDays(-7);
            if (start >= end) return Problems.BadRequest(ProblemCodes.ValidationFailed, "from must be before to.");
            var step = bucket switch
            {
                null or "day" => TimeSpan.FromDays(1),
                "hour" => TimeSpan.FromHours(1),
                _ => TimeSpan.Zero,
            };
            if (step == TimeSpan.Zero) return Problems.BadRequest(ProblemCodes.ValidationFailed, "bucket is day or hour.");
            if ((end - start) / step > 400) return Problems.BadRequest(ProblemCodes.ValidationFailed, "The window has too many buckets.");

            var total = await query.ComputeAsync(start, end, ct);
            var series = new List<object>();
            for (var s = start; s < end; s += step)
            {
                var e = s + step < end ? s + step : end;
                var f = await query.ComputeAsync(s, e, ct);
                series.Add(new
                {
                    start = s, f.DeflectionRate, f.EscalationRate, f.FirstResponseP95Ms,
                    csatMean = Mean(f.BotCsat, f.HumanCsat), f.CostPerResolvedTicket, threads = f.Counts.Threads,
                });
            }
            return Results.Ok(new
            {
                total.From, total.To, total.DeflectionRate, total.EscalationRate, total.FirstResponseP50Ms, total.FirstResponseP95Ms,
                csat = new { bot = total.BotCsat, human = total.HumanCsat },
                total.CostPerResolvedTicket, total.ResolvedSpend, total.Counts, series,
            });
        }).RequireAuthorization(Policies.Agent).WithTags("Metrics")
          .WithSummary("Deflection, escalation, first response p50/p95, CSAT and cost per resolved ticket over a window");
        return app;
    }

    private static double? Mean(CsatFigures bot, CsatFigures human)
    {
        var count = bot.Count + human.Count;
        if (count == 0) return null;
        return Math.Round(((bot.Mean ?? 0) * bot.Count + (human.Mean ?? 0) * human.Count) / count, 3);
    }
}
