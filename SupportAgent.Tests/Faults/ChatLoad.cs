using System.Collections.Concurrent;
using System.Diagnostics;

namespace SupportAgent.Tests.Faults;

/// <summary>
/// Customers chatting steadily while something breaks: each sends numbered messages into one thread and, like a real
/// client, retries a message with its Idempotency-Key until it is answered. What was answered goes into a ledger that
/// the stored threads are checked against afterwards.
/// </summary>
public sealed class ChatLoad(FaultsFixture fixture, IReadOnlyList<(string Customer, long Order)> customers)
{
    public ConcurrentDictionary<string, int> Responses { get; } = new();
    public ConcurrentDictionary<string, List<string>> Acknowledged { get; } = new();
    public Dictionary<string, string> Threads { get; } = [];
    public ConcurrentBag<TimeSpan> Waits { get; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        foreach (var (customer, _) in customers)
        {
            Threads[customer] = await (await fixture.ClientAsync(customer)).NewThreadAsync();
        }
        await Task.WhenAll(customers.Select(c => ChatAsync(c.Customer, c.Order, stop)));
    }

    private async Task ChatAsync(string customer, long order, CancellationToken stop)
    {
        var client = await fixture.ClientAsync(customer);
        var thread = Threads[customer];
        var answered = Acknowledged.GetOrAdd(thread, _ => []);
        for (var i = 1; !stop.IsCancellationRequested; i++)
        {
            var text = i % 2 == 0 ? $"({i}) How long do refunds take to arrive?" : $"({i}) Where is my order {order}?";
            var key = Guid.NewGuid().ToString("N");
            var waited = Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                var sent = await RefundTurns.SendAsync(client, thread, text, key);
                var kind = sent.Stage == TurnStage.Done ? (sent.Error is null ? "answered" : $"error event {sent.Error}")
                    : sent.Status is { } s && (int)s >= 400 ? $"{(int)s} {ProblemCode(sent.Reply)}"
                    : sent.Status is null ? "no response (connection refused or reset)"
                    : sent.Error is not null ? $"error event {sent.Error}" : "stream cut";
                Responses.AddOrUpdate(kind, 1, (_, n) => n + 1);
                if (sent.Stage == TurnStage.Done && sent.Error is null)
                {
                    answered.Add(text);
                    Waits.Add(waited.Elapsed);
                    break;
                }
                if (attempt >= 240) throw new TimeoutException($"{customer}: '{text}' not answered after {attempt} attempts ({kind})");
                await Task.Delay(500, CancellationToken.None);
            }
        }
    }

    /// <summary>Threads whose stored customer messages are not exactly the answered ones, in order, each followed by a reply.</summary>
    public async Task<List<string>> LostOrDoubledAsync()
    {
        var wrong = new List<string>();
        foreach (var (customer, thread) in Threads)
        {
            var messages = await FaultsFixture.MessagesAsync(await fixture.ClientAsync(customer), thread);
            var sent = messages.Where(m => m.Role == "customer").Select(m => m.Text).ToList();
            var expected = Acknowledged.GetValueOrDefault(thread) ?? [];
            var alternates = messages.Select((m, i) => m.Role == (i % 2 == 0 ? "customer" : "assistant")).All(x => x);
            if (!sent.SequenceEqual(expected) || !alternates || messages.Count != 2 * expected.Count)
            {
                wrong.Add($"{thread}: stored {sent.Count} customer / {messages.Count} in all, answered {expected.Count}");
            }
        }
        return wrong;
    }

    public static string ProblemCode(string body) =>
        System.Text.RegularExpressions.Regex.Match(body, "\"code\":\"([^\"]+)\"") is { Success: true } m ? m.Groups[1].Value : "(no problem code)";
}
