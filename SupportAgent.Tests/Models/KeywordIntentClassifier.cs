using SupportAgent.Api.Graph;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Models;

/// <summary>A stand-in for the ML.NET classifier in these tests: a few keywords per lane, nothing learned.</summary>
public sealed class KeywordIntentClassifier : IIntentClassifier
{
    private static readonly (string Lane, string[] Words)[] Keywords =
    [
        (Lanes.Refund, ["refund", "money back"]),
        (Lanes.Shipping, ["where is", "tracking", "delivery", "lost"]),
        (Lanes.OrderLookup, ["my orders", "order status"]),
    ];

    public IntentPrediction Predict(string text)
    {
        var lower = text.ToLowerInvariant();
        var lane = Keywords.FirstOrDefault(k => k.Words.Any(lower.Contains)).Lane ?? Lanes.General;
        var scores = Lanes.All.ToDictionary(l => l, l => l == lane ? 0.9 : 0.1 / 3);
        return new IntentPrediction(lane, 0.9, scores);
    }
}
