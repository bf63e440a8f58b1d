using System.Diagnostics;

namespace SupportAgent.Eval;

/// <param name="Api">The Api's base address.</param>
/// <param name="Backends">MockBackends' base address, for refund and shipment facts; null to judge from the Api alone.</param>
/// <param name="BackendsKey">MockBackends' service-token key (<c>Auth:BackendsSigningKey</c>); needed with <paramref name="Backends"/>.</param>
public sealed record EvalTarget(Uri Api, Uri? Backends, string Provider, string? BackendsKey = null);

/// <summary>Runs scenarios one after another against a running app and judges each: the core of the eval command and of its test.</summary>
public static class EvalSuite
{
    public const string AgentId = "agent_ana";

    /// <summary>
    /// The app's settings for a suite (the eval's and the suite tests'): dozens of conversations in a minute, several per
    /// customer, so no per-customer limit may pace it.
    /// </summary>
    public static void ConfigureApp(IDistributedApplicationTestingBuilder builder) =>
        builder.CreateResourceBuilder<ProjectResource>("api")
            .WithEnvironment("Limits__MessagesPerMinute", "10000")
            .WithEnvironment("Limits__DailySpendCapDollars", "1000");

    public static async Task<EvalReport> RunAsync(
        EvalTarget target, IReadOnlyList<Scenario> scenarios, decimal refundCap, TextWriter progress, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        using var api = EvalApiClient.Create(target.Api);
        using var backends = target.Backends is { } b
            ? new HttpClient(new BackendsTokenHandler(target.BackendsKey
                ?? throw new InvalidOperationException("MockBackends needs its service-token key (--backends-key).")))
                { BaseAddress = b, Timeout = TimeSpan.FromMinutes(1) }
            : null;
        var probe = new WorldProbe(api, backends);
        var world = await probe.LoadAsync(ct);
        progress.WriteLine($"World: {world.Customers.Count} customers, {world.Orders.Count} orders ({(world.Detailed ? "from MockBackends" : "from the Api; refunds judged from the audit")}).");
        CheckAgainstWorld(scenarios, world);

        var agentToken = await api.TokenAsync(AgentId, "agent", ct);
        var runner = new ScenarioRunner(api, probe, world, agentToken);
        var results = new List<ScenarioResult>();
        foreach (var (scenario, i) in scenarios.Select((s, i) => (s, i)))
        {
            var stale = Stale(scenario, world);
            var run = await runner.RunAsync(scenario, ct);
            var misses = ScenarioJudge.Judge(run).ToList();
            if (stale is not null) misses.Insert(0, stale);
            var result = new ScenarioResult(run, misses, PolicyAudit.Check(run, world, refundCap));
            results.Add(result);
            var verdict = result.Violations.Count > 0 ? "VIOLATION" : result.Correct ? "ok" : "WRONG";
            progress.WriteLine($"[{i + 1,3}/{scenarios.Count}] {verdict,-9} {scenario.Id} ({run.SentTurns.Count()} turns{(run.Escalated ? ", escalated" : "")})");
        }
        return new EvalReport(target.Api.ToString(), target.Provider, started, watch.Elapsed.TotalSeconds, results);
    }

    /// <summary>Scenarios must be true of the seeded world: their customer exists and owns the orders they change.</summary>
    private static void CheckAgainstWorld(IReadOnlyList<Scenario> scenarios, World world)
    {
        var problems = new List<string>();
        foreach (var s in scenarios)
        {
            if (!world.Customers.ContainsKey(s.Customer)) problems.Add($"{s.Id}: no customer {s.Customer}");
            foreach (var order in new[] { s.Expect.Refund?.Order, s.Expect.Reship?.Order }.OfType<string>())
            {
                if (world.OwnerOf(order) != s.Customer) problems.Add($"{s.Id}: order {order} is not {s.Customer}'s (owner: {world.OwnerOf(order) ?? "none"})");
            }
        }
        if (problems.Count > 0) throw new ScenarioException("Scenarios that do not match the seeded world:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>
    /// A scenario that expects a refund or a replacement needs its order as seeded. Against a database an earlier run
    /// already changed, that is no longer true, and the result says so instead of blaming the agent.
    /// </summary>
    private static string? Stale(Scenario scenario, World world)
    {
        if (scenario.Expect.Refund is { } refund && world.State.TryGetValue(refund.Order, out var r) && !World.RefundEligible(r))
            return $"stale data: order {refund.Order} is {r.Status}, no longer as seeded; run against a fresh database";
        if (scenario.Expect.Reship is { } reship && world.State.TryGetValue(reship.Order, out var s) && !World.ReshipEligible(s))
            return $"stale data: order {reship.Order} was already replaced or is {s.Status}; run against a fresh database";
        return null;
    }
}
