namespace SupportAgent.Offline.Routing;

/// <summary>The offline router's trained intent model: one customer message in, a lane and a confidence out.</summary>
public interface IIntentClassifier
{
    IntentPrediction Predict(string text);
}

/// <param name="Lane">One of <see cref="Lanes"/>.</param>
/// <param name="Confidence">Probability of <paramref name="Lane"/>, 0..1.</param>
/// <param name="Scores">Probability per lane.</param>
public sealed record IntentPrediction(string Lane, double Confidence, IReadOnlyDictionary<string, double> Scores);
