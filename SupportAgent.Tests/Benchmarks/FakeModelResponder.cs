using System.Diagnostics;
using Microsoft.Extensions.AI;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;

namespace SupportAgent.Tests.Benchmarks;

/// <summary>
/// Answers both model roles on the fake OpenAI server: router requests (no tools, the router's system prompt) with the
/// offline classifier's JSON, specialist requests with the offline engine. The answers are the offline engine's, so
/// the only difference from the offline run is the wire and the model's latency.
/// </summary>
public static class FakeModelResponder
{
    public static Func<RecordedRequest, FakeReply> Create(MlNetIntentClassifier classifier)
    {
        var agent = OfflineEngineResponder.Create();
        var router = new OfflineRouterChatClient(classifier);
        return request =>
        {
            var messages = request.Messages;
            if (request.ToolNames.Count > 0 || messages.FirstOrDefault()?.Content?.Contains("router of Northwind Goods") != true)
                return agent(request);
            var chat = messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Content ?? "")).ToList();
            return FakeReply.Say(router.GetResponseAsync(chat).GetAwaiter().GetResult().Text);
        };
    }

    /// <summary>
    /// The model's share of one turn's first response, from the fake server's own clock: every call that finished
    /// before the call whose text became the first delta, plus that call's time to its first text piece.
    /// Null when no call of the turn streamed text (the first delta was written by the Api itself).
    /// </summary>
    public static (double Ms, int Calls)? TimeBeforeFirstText(IEnumerable<RecordedRequest> callsOfTurn)
    {
        var total = 0.0;
        var count = 0;
        foreach (var call in callsOfTurn.OrderBy(c => c.ReceivedAt))
        {
            count++;
            if (call.FirstTextAt != 0) return (total + Ms(call.ReceivedAt, call.FirstTextAt), count);
            if (call.CompletedAt != 0) total += Ms(call.ReceivedAt, call.CompletedAt);
        }
        return null;
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
