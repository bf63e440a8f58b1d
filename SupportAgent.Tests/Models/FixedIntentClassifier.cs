using SupportAgent.Offline.Routing;

namespace SupportAgent.Tests.Models;

/// <summary>A local classifier that always answers one lane with one confidence: decides whether the router model is asked.</summary>
public sealed class FixedIntentClassifier(string lane, double confidence) : IIntentClassifier
{
    public IntentPrediction Predict(string text) =>
        new(lane, confidence, Lanes.All.ToDictionary(l => l, l => l == lane ? confidence : (1 - confidence) / 3));
}
