using System.Net;
using Npgsql;
using SupportAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Faults;

/// <summary>Races that must each have exactly one winner: one turn per Idempotency-Key, one refund per order, one claim per handoff.</summary>
[Collection(FaultsCollection.Name)]
public sealed class ConcurrencyTests(FaultsFixture fixture, ITestOutputHelper output)
{
    private readonly RefundTurns _refunds = new(fixture);

    [Fact]
    public async Task Same_message_sent_twice_at_once_with_one_key_is_one_turn()
    {
        var customers = fixture.Orders.Where(o => o.OrderId > 1020).GroupBy(o => o.CustomerId).Take(FaultScale.Races).ToList();
        var outcomes = new Dictionary<string, int>();
        var doubled = new List<string>();
        foreach (var group in customers)
        {
            var client = await fixture.ClientAsync(group.Key);
            var thread = await client.NewThreadAsync();
            var text = $"Where is my order {group.First().OrderId}?";
            var key = Guid.NewGuid().ToString("N");

            var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => RefundTurns.SendAsync(client, thread, text, key)));
            var again = await RefundTurns.SendAsync(client, thread, text, key);

            foreach (var sent in both.Append(again))
            {
                var kind = sent.Stage == TurnStage.Done ? "answered" : $"{(int?)sent.Status} {Code(sent.Reply)}";
                outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            }
            var messages = await FaultsFixture.MessagesAsync(client, thread);
            var turns = await CountAsync("SELECT count(*) FROM turns WHERE thread_id = @id", thread);
            if (messages.Count != 2 || turns != 1 || again.Stage != TurnStage.Done || !both.Any(b => b.Stage == TurnStage.Done))
            {
                doubled.Add($"{thread}: {messages.Count} messages, {turns} turns, retry {again.Stage}");
            }
            if (both.FirstOrDefault(b => b.Stage == TurnStage.Done) is { } first && again.Reply != first.Reply)
            {
                doubled.Add($"{thread}: the retry answered differently: {again.Reply}");
            }
        }

        FaultFigures.Report(output, nameof(Same_message_sent_twice_at_once_with_one_key_is_one_turn),
            $"threads: {customers.Count}, each sent the same message twice at once with one Idempotency-Key, then once more",
            $"responses: {string.Join(", ", outcomes.Select(kv => $"{kv.Key} {kv.Value}"))}",
            $"threads with more than one turn or other than one customer and one assistant message: {doubled.Count}");
        Assert.Empty(doubled);
        Assert.DoesNotContain(outcomes.Keys, k => k.StartsWith('5'));
    }

    [Fact]
    public async Task Two_refunds_of_one_order_at_once_refund_once()
    {
        var orders = _refunds.Take(FaultScale.Races);
        var replies = new Dictionary<string, int>();
        var wrong = new List<string>();
        foreach (var order in orders)
        {
            // The customer asks in two threads (two tabs), then says yes in both at the same moment.
            var threads = await Task.WhenAll(_refunds.AskAsync(order), _refunds.AskAsync(order));
            var client = await fixture.ClientAsync(order.CustomerId);
            var yes = await Task.WhenAll(threads.Select(t => RefundTurns.SendAsync(client, t, RefundTurns.Confirm, Guid.NewGuid().ToString("N"))));

            foreach (var y in yes)
            {
                var kind = y.Stage != TurnStage.Done ? $"{(int?)y.Status} {y.Error}"
                    : y.Reply.StartsWith("Done: I've refunded", StringComparison.Ordinal) ? "refund confirmed"
                    : y.Reply.Contains("already been refunded", StringComparison.OrdinalIgnoreCase) || y.Reply.Contains("refunded in the meantime") ? "told it was already refunded"
                    : "other: " + y.Reply[..Math.Min(80, y.Reply.Length)];
                replies[kind] = replies.GetValueOrDefault(kind) + 1;
            }
            var refunds = await fixture.RefundsSinceStartAsync(order.OrderId);
            var charge = await fixture.Backends.ChargeAsync(order.OrderId);
            if (refunds.Count != 1 || charge["refundedTotal"]!.GetValue<decimal>() != order.Total)
            {
                wrong.Add($"order {order.OrderId}: {refunds.Count} refunds, refunded {charge["refundedTotal"]} of {order.Total}");
            }
        }

        FaultFigures.Report(output, nameof(Two_refunds_of_one_order_at_once_refund_once),
            $"orders: {orders.Count}, each confirmed in two threads at the same moment",
            $"replies: {string.Join(", ", replies.Select(kv => $"{kv.Key} {kv.Value}"))}",
            $"orders refunded other than exactly once in full: {wrong.Count}");
        Assert.Empty(wrong);
        Assert.DoesNotContain(replies.Keys, k => k.StartsWith("other") || k.StartsWith('5'));
    }

    [Fact]
    public async Task Two_agents_claiming_one_handoff_one_wins()
    {
        var ana = await fixture.ClientAsync("agent_ana", "agent");
        var ben = await fixture.ClientAsync("agent_ben", "agent");
        var wrong = new List<string>();
        var customers = Enumerable.Range(0, FaultScale.Races).Select(i => $"cust_{30 + i % 30:000}").ToList();
        foreach (var customerId in customers)
        {
            var customer = await fixture.ClientAsync(customerId);
            var thread = await customer.NewThreadAsync();
            var turn = await customer.SayAsync(thread, "I need to speak to a human agent please");
            var handoff = turn.Handoff!.Str("handoffId");

            var claims = await Task.WhenAll(new[] { ana, ben }.Select(a => a.Http.PostAsync($"/api/handoffs/{handoff}/claim", null)));

            var won = claims.Count(r => r.StatusCode == HttpStatusCode.OK);
            var lost = claims.Count(r => r.StatusCode == HttpStatusCode.Conflict);
            var winner = claims[0].StatusCode == HttpStatusCode.OK ? "agent_ana" : "agent_ben";
            var view = await ana.GetThreadAsync(thread);
            var claimedBy = view.GetProperty("handoff").GetProperty("claimedBy").GetString();
            if (won != 1 || lost != 1 || claimedBy != winner || view.GetProperty("status").GetString() != "with_human")
            {
                wrong.Add($"{handoff}: {won} won, {lost} lost, claimed by {claimedBy}, winner {winner}");
            }
        }

        FaultFigures.Report(output, nameof(Two_agents_claiming_one_handoff_one_wins),
            $"handoffs: {customers.Count}, each claimed by two agents at the same moment",
            $"handoffs without exactly one winner (200) and one 409 handoff_already_claimed: {wrong.Count}");
        Assert.Empty(wrong);
    }

    private static string Code(string body) =>
        System.Text.RegularExpressions.Regex.Match(body, "\"code\":\"([^\"]+)\"") is { Success: true } m ? m.Groups[1].Value : "";

    private async Task<long> CountAsync(string sql, string id)
    {
        await using var c = new NpgsqlConnection(fixture.SupportDb);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("id", id);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
