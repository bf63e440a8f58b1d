using SupportAgent.Offline.Understanding;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// A message that asks several things: the lane's own request is handled first, then each other one this lane can
/// serve (an order's status or delivery), in turn, in the same reply. What must wait (a question awaiting the
/// customer's yes, a request for another specialist) is queued in plain words, never dropped.
/// </summary>
internal static class SeveralRequests
{
    private const int ExcerptLength = 80;

    public static AgentDecision? Decide(string lane, LaneContext context, IReadOnlyDictionary<string, ILanePolicy> policies)
    {
        var facts = context.Facts;
        if (facts.AnswersProposal || facts.Pending is not null && (facts.Affirmative || facts.Negative)) return null;
        var requests = RequestSplitter.Split(facts.Current);
        if (requests.Count < 2) return null;
        // A person, a threat or a hazard anywhere in the message decides for all of it (the person reads it all).
        if (TextSignals.AsksForPerson(facts.Current) || EscalationSignals.Detect(facts.Current).ShouldEscalate) return null;

        var primary = requests.FirstOrDefault(r => r.Lane == lane) ?? requests[0];
        var first = policies[lane].Decide(context.With(facts.WithCurrent(primary.Text)));
        if (first.Calls.Count > 0) return first;

        var rest = requests.Where(r => r != primary).ToList();
        var parts = new List<string> { first.Text ?? "" };
        if (Waits(first.Text)) return Say(parts, rest, afterAnswer: true);

        var queued = new List<CustomerRequest>();
        for (var i = 0; i < rest.Count; i++)
        {
            var request = rest[i];
            if (UnservedRequests.Detect(request.Text) is { } unserved)
            {
                parts.Add($"About \"{Excerpt(request.Text)}\": {unserved.CannotDo} {unserved.SelfService} {Phrases.PersonOffer}");
                queued.AddRange(rest.Skip(i + 1));
                break;
            }
            if (!Serves(lane, request, context))
            {
                queued.Add(request);
                continue;
            }
            var next = policies[request.Lane].Decide(context.With(facts.WithCurrent(request.Text)));
            if (next.Calls.Count > 0) return next;
            parts.Add($"About your other question (\"{Excerpt(request.Text)}\"): {next.Text}");
            if (Waits(next.Text))
            {
                queued.AddRange(rest.Skip(i + 1));
                break;
            }
        }
        return Say(parts, queued, afterAnswer: false);
    }

    /// <summary>This lane's tools answer it: the same lane, or an order's status and delivery where orders can be read.</summary>
    private static bool Serves(string lane, CustomerRequest request, LaneContext context) =>
        request.Lane == lane
        || request.Lane is Lanes.Shipping or Lanes.OrderLookup && request.OrderId is not null
            && (context.Offers("get_tracking") || context.Offers(OrderReplies.GetOrder));

    /// <summary>The reply asks the customer something (a yes to a refund, which order): the rest waits for that.</summary>
    private static bool Waits(string? text) =>
        text is not null && (Phrases.PendingIn(text) is not null || text.TrimEnd().EndsWith('?'));

    private static AgentDecision Say(List<string> parts, IReadOnlyList<CustomerRequest> queued, bool afterAnswer)
    {
        if (queued.Count > 0)
        {
            var others = string.Join(" and ", queued.Select(r => $"\"{Excerpt(r.Text)}\""));
            parts.Add(afterAnswer
                ? $"You also asked {others}: let's settle this first, then I'll take that next. If I don't come back to it, just send it again."
                : $"You also asked {others}: I can't handle that in this part of our chat, so please send it as its own message and I'll take it from there.");
        }
        return AgentDecision.Say(string.Join("\n\n", parts.Where(p => p.Length > 0)));
    }

    private static string Excerpt(string text) =>
        text.Length <= ExcerptLength ? text.TrimEnd('.', '!', ' ') : text[..(ExcerptLength - 3)].TrimEnd() + "...";
}
