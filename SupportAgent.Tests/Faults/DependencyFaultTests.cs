using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Faults;

/// <summary>
/// Dependencies failing under load: PostgreSQL restarted, Redis stopped and started, the company's backends answering
/// errors and timeouts. The Api answers clearly meanwhile, recovers by itself, and loses nothing it stored.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class DependencyFaultTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private readonly RefundTurns _refunds = new(fixture);

    private List<(string Customer, long Order)> LoadCustomers(int skip) => fixture.Orders
        .Where(o => o.OrderId > 1020).GroupBy(o => o.CustomerId).Skip(skip).Take(FaultScale.LoadCustomers)
        .Select(g => (g.Key, g.First().OrderId)).ToList();

    [Fact]
    public async Task Postgres_restarted_mid_load_answers_clearly_recovers_and_loses_nothing()
    {
        var load = new ChatLoad(fixture, LoadCustomers(skip: 20));
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        var outages = new List<TimeSpan>();
        for (var i = 0; i < FaultScale.PostgresRestarts; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var restart = Stopwatch.StartNew();
            await fixture.RestartAsync("postgres");
            outages.Add(restart.Elapsed);
        }
        // Keep chatting a little after the last restart: the Api must come back without being restarted itself.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var answeredBeforeStop = load.Acknowledged.Values.Sum(v => v.Count);
        stop.Cancel();
        await running;

        var wrong = await load.LostOrDoubledAsync();
        var answered = load.Acknowledged.Values.Sum(v => v.Count);
        FaultFigures.Report(output, nameof(Postgres_restarted_mid_load_answers_clearly_recovers_and_loses_nothing),
            $"{load.Threads.Count} customers chatting, PostgreSQL restarted {outages.Count} time(s) (restart command to healthy: {string.Join(", ", outages.Select(o => $"{o.TotalSeconds:0.0} s"))})",
            $"messages answered: {answered}; longest a message waited for its answer, retries included: {load.Waits.Max().TotalSeconds:0.0} s",
            $"responses seen: {string.Join(", ", load.Responses.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"))}",
            $"threads with a lost or doubled message: {wrong.Count}");
        Assert.Empty(wrong);
        Assert.DoesNotContain(load.Responses.Keys, k => k.Contains("no problem code"));
        Assert.DoesNotContain(load.Responses.Keys, k => k.StartsWith("500"));
    }

    [Fact]
    public async Task Redis_stopped_and_started_under_load_keeps_answering_and_health_recovers()
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var api = fixture.App.CreateHttpClient("api", "http");
        var load = new ChatLoad(fixture, LoadCustomers(skip: 30));
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);
        string healthDuring, healthAfter;
        var recovered = Stopwatch.StartNew();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.True((await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StopCommand)).Success);
            await Task.Delay(TimeSpan.FromSeconds(8));
            healthDuring = await HealthAsync(api);
        }
        finally
        {
            Assert.True((await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StartCommand)).Success);
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("redis", cts.Token);
        }
        recovered.Restart();
        do
        {
            await Task.Delay(500);
            healthAfter = await HealthAsync(api);
        } while (healthAfter != "Healthy" && recovered.Elapsed < TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        stop.Cancel();
        await running;

        var wrong = await load.LostOrDoubledAsync();
        FaultFigures.Report(output, nameof(Redis_stopped_and_started_under_load_keeps_answering_and_health_recovers),
            $"{load.Threads.Count} customers chatting; Redis stopped for about 8 s, then started",
            $"/health while Redis was down: {healthDuring}; back to {healthAfter} {recovered.Elapsed.TotalSeconds:0.0} s after Redis was healthy again",
            $"messages answered: {load.Acknowledged.Values.Sum(v => v.Count)}; responses: {string.Join(", ", load.Responses.Select(kv => $"{kv.Key} {kv.Value}"))}",
            $"threads with a lost or doubled message: {wrong.Count}");
        Assert.Equal("Degraded", healthDuring);
        Assert.Equal("Healthy", healthAfter);
        Assert.Empty(wrong);
        Assert.Equal(["answered"], load.Responses.Keys);
    }

    [Fact]
    public async Task Payments_failing_refunds_nothing_says_so_and_a_later_yes_refunds_once()
    {
        var orders = _refunds.Take(FaultScale.FlakyRefunds + 1);
        var down = orders[0];
        var flaky = orders.Skip(1).ToList();
        var replies = new Dictionary<string, int>();
        var wrong = new List<string>();
        try
        {
            // Payments provider down: the refund is not made, the customer is told, and it works when asked again later.
            var thread = await _refunds.AskAsync(down);
            var client = await fixture.ClientAsync(down.CustomerId);
            await fixture.Backends.SetFaultAsync("payments", new { errorRate = 1.0 });
            var failed = await client.SayAsync(thread, RefundTurns.Confirm);
            await fixture.Backends.ResetFaultsAsync();
            var refundsWhileDown = (await fixture.RefundsSinceStartAsync(down.OrderId)).Count;
            var again = await client.SayAsync(thread, "yes, please try again");
            var refundsAfter = (await fixture.RefundsSinceStartAsync(down.OrderId)).Count;
            Assert.Equal("error", failed.Outcome("issue_refund"));
            Assert.Contains("couldn't confirm the refund", failed.Reply);
            Assert.Equal(0, refundsWhileDown);
            Assert.StartsWith("Done: I've refunded", again.Reply);
            Assert.Equal(1, refundsAfter);

            // A flaky provider (half the requests fail, retried by the ToolsService's resilience handler):
            // the customer says yes until it is done, and each order is refunded exactly once.
            await fixture.Backends.SetFaultAsync("payments", new { errorRate = 0.5 });
            foreach (var order in flaky)
            {
                var t = await _refunds.AskAsync(order);
                var c = await fixture.ClientAsync(order.CustomerId);
                var tries = 0;
                string reply;
                do
                {
                    reply = (await c.SayAsync(t, tries == 0 ? RefundTurns.Confirm : "yes, try again please")).Reply;
                    tries++;
                } while (!reply.StartsWith("Done: I've refunded", StringComparison.Ordinal) && tries < 6);
                replies[$"done after {tries} yes"] = replies.GetValueOrDefault($"done after {tries} yes") + (reply.StartsWith("Done") ? 1 : 0);
                var refunds = await fixture.RefundsSinceStartAsync(order.OrderId);
                if (refunds.Count != (reply.StartsWith("Done") ? 1 : 0)) wrong.Add($"order {order.OrderId}: {refunds.Count} refunds, last reply {reply}");
            }
        }
        finally
        {
            await fixture.Backends.ResetFaultsAsync();
        }

        FaultFigures.Report(output, nameof(Payments_failing_refunds_nothing_says_so_and_a_later_yes_refunds_once),
            "payments down (error rate 1.0): no refund, the customer told it could not be confirmed; the next yes after recovery refunded once",
            $"payments flaky (error rate 0.5), {flaky.Count} orders: {string.Join(", ", replies.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}",
            $"orders refunded other than exactly once when confirmed (or at all when not): {wrong.Count}");
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("orders", "timeoutRate", "Where is my order {0}?")]
    [InlineData("orders", "errorRate", "Where is my order {0}?")]
    [InlineData("shipping", "timeoutRate", "Can you track my order {0}?")]
    [InlineData("docs", "errorRate", "How long do refunds take to arrive?")]
    public async Task Backend_errors_and_timeouts_get_a_clear_answer_then_recover(string endpoint, string fault, string question)
    {
        var order = fixture.Orders.First(o => o.OrderId > 1020 && o.Status == "in_transit");
        var client = await fixture.ClientAsync(order.CustomerId);
        var text = string.Format(question, order.OrderId);
        Turn broken, healthy;
        var took = Stopwatch.StartNew();
        try
        {
            await fixture.Backends.SetFaultAsync(endpoint, new Dictionary<string, double> { [fault] = 1.0 });
            broken = await client.SayAsync(await client.NewThreadAsync(), text);
            took.Stop();
        }
        finally
        {
            await fixture.Backends.ResetFaultsAsync();
        }
        healthy = await client.SayAsync(await client.NewThreadAsync(), text);

        var outcomes = broken.Events.Where(e => e.Type == "tool_result").Select(e => $"{e.Str("tool")}={e.Str("outcome")}");
        FaultFigures.Report(output, $"Backend_errors_and_timeouts ({endpoint} {fault} 1.0)",
            $"\"{text}\": answered in {took.Elapsed.TotalSeconds:0.0} s with tools {string.Join(", ", outcomes)}{(broken.Handoff is null ? "" : $", handed to a person ({broken.Handoff.Str("reason")})")}",
            $"reply: \"{broken.Reply}\"",
            $"after the fault was cleared: tools {string.Join(", ", healthy.Events.Where(e => e.Type == "tool_result").Select(e => $"{e.Str("tool")}={e.Str("outcome")}"))}");

        Assert.Equal("done", broken.Types.Last());
        Assert.DoesNotContain("error", broken.Types);
        Assert.Contains(broken.Events, e => e.Type == "tool_result" && e.Str("outcome") == "error");
        Assert.False(string.IsNullOrWhiteSpace(broken.Reply));
        Assert.True(took.Elapsed < TimeSpan.FromSeconds(60), $"took {took.Elapsed}");
        Assert.DoesNotContain(healthy.Events, e => e.Type == "tool_result" && e.Str("outcome") == "error");
    }

    private static async Task<string> HealthAsync(HttpClient api)
    {
        using var response = await api.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
