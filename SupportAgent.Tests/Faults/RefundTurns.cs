using System.Net;
using SupportAgent.Tests.Backends;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Faults;

/// <summary>Where a turn was when the connection ended: how far the customer saw it get.</summary>
public enum TurnStage { NotAnswered, Streaming, RefundCalled, RefundReturned, Done }

/// <summary>
/// Refund conversations for the fault tests: the first turn asks for the refund, the second ("yes") moves the money.
/// Orders come from a pool of the suite's own refundable orders, each used once.
/// </summary>
public sealed class RefundTurns(FaultsFixture fixture)
{
    public const string Confirm = "Yes please, go ahead with the refund.";

    private static readonly Lock Gate = new();
    private static readonly HashSet<long> Used = [];

    /// <summary>
    /// Generated orders (1021+) that are delivered, cancelled or partially refunded and under the $500 cap, so one "yes" refunds them in
    /// full. 1400-1499 first (the range this suite claims in the shared plan), then the rest of the generated range.
    /// </summary>
    public IReadOnlyList<SeededOrder> Take(int count)
    {
        lock (Gate)
        {
            var free = fixture.Orders
                .Where(o => o.OrderId > 1020 && o.Status is "delivered" or "cancelled" or "partially_refunded" && o.Total < 500m && !Used.Contains(o.OrderId))
                .OrderBy(o => o.OrderId is >= 1400 and <= 1499 ? 0 : 1).ThenBy(o => o.OrderId)
                .Take(count).ToList();
            Assert.True(free.Count == count, $"only {free.Count} refundable orders left, {count} wanted");
            Used.UnionWith(free.Select(o => o.OrderId));
            return free;
        }
    }

    /// <summary>Opens a thread and asks for the refund; returns the thread once the bot has asked to confirm.</summary>
    public async Task<string> AskAsync(SeededOrder order)
    {
        var client = await fixture.ClientAsync(order.CustomerId);
        var thread = await client.NewThreadAsync();
        var ask = await client.SayAsync(thread, AskText(order));
        Assert.True(ask.Reply.Contains("Shall I refund", StringComparison.Ordinal), $"order {order.OrderId}: {ask.Reply}");
        return thread;
    }

    public static string AskText(SeededOrder order) => $"Hi, I'd like a refund for order {order.OrderId} please.";

    /// <summary>Sends a message and reads as far as the stream gets; never throws for a dropped connection.</summary>
    public static async Task<(HttpStatusCode? Status, TurnStage Stage, string Reply, string? Error)> SendAsync(
        SupportClient client, string thread, string text, string key, CancellationToken ct = default, Action<TurnStage>? progress = null)
    {
        var stage = TurnStage.NotAnswered;
        void Reached(TurnStage s)
        {
            stage = s;
            progress?.Invoke(s);
        }
        var reply = "";
        HttpStatusCode? status = null;
        try
        {
            using var response = await client.PostMessageAsync(thread, text, key, ct);
            status = response.StatusCode;
            if (!response.IsSuccessStatusCode) return (status, stage, await response.Content.ReadAsStringAsync(ct), null);
            Reached(TurnStage.Streaming);
            string? error = null;
            await foreach (var e in ServerSentEvents.ReadAsync(await response.Content.ReadAsStreamAsync(ct), ct))
            {
                switch (e.Type)
                {
                    case "tool_call" when e.Str("tool") == "issue_refund": Reached(TurnStage.RefundCalled); break;
                    case "tool_result" when e.Str("tool") == "issue_refund": Reached(TurnStage.RefundReturned); break;
                    case "delta": reply += e.Str("text"); break;
                    case "error": error = e.Str("code"); break;
                    case "done": Reached(TurnStage.Done); break;
                }
            }
            return (status, stage, reply, error);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return (status, stage, reply, null);
        }
    }
}
