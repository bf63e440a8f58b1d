namespace SupportAgent.Offline.Routing;

/// <summary>Precision and recall of one lane on an evaluation set.</summary>
public sealed record LaneMetrics(string Lane, int Support, double Precision, double Recall);

/// <summary>
/// How a classifier does on labelled messages, measured through <see cref="IIntentClassifier.Predict"/> itself so the
/// figure is the one the product gets. <c>Confusion[actual][predicted]</c> counts messages.
/// </summary>
public sealed record IntentEvaluation(
    int Count,
    double Accuracy,
    IReadOnlyList<LaneMetrics> Lanes,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Confusion,
    IReadOnlyList<(LabelledMessage Message, IntentPrediction Prediction)> Errors)
{
    public static IntentEvaluation Run(IIntentClassifier classifier, IReadOnlyList<LabelledMessage> messages)
    {
        var confusion = Protocol.Lanes.All.ToDictionary(a => a, _ => Protocol.Lanes.All.ToDictionary(p => p, _ => 0));
        var errors = new List<(LabelledMessage, IntentPrediction)>();
        foreach (var message in messages)
        {
            var prediction = classifier.Predict(message.Text);
            var actual = Protocol.Lanes.Normalize(message.Label);
            confusion[actual][prediction.Lane]++;
            if (prediction.Lane != actual) errors.Add((message, prediction));
        }

        var lanes = Protocol.Lanes.All.Select(lane =>
        {
            var truePositives = confusion[lane][lane];
            var actual = confusion[lane].Values.Sum();
            var predicted = Protocol.Lanes.All.Sum(a => confusion[a][lane]);
            return new LaneMetrics(lane, actual, Ratio(truePositives, predicted), Ratio(truePositives, actual));
        }).ToList();

        var correct = Protocol.Lanes.All.Sum(l => confusion[l][l]);
        return new(messages.Count, Ratio(correct, messages.Count), lanes,
            confusion.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value), errors);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
