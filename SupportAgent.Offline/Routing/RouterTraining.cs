using SupportAgent.Embeddings;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// Trains the router end to end: embeds the messages, holds back a fifth of them (every lane alike) to fit the
/// calibration temperature on a model trained without them, then trains the final model on all of them.
/// </summary>
public static class RouterTraining
{
    /// <summary>Every fifth message of each lane, in file order, is held back for calibration.</summary>
    public const int CalibrationEvery = 5;

    internal static (IntentModel Model, RouterModelInfo Info) Train(
        IReadOnlyList<LabelledMessage> messages, IntentFeatures? features = null,
        Func<IReadOnlyList<string>, float[][]>? embed = null, TextWriter? log = null)
    {
        features ??= IntentFeatures.Default;
        embed ??= texts => SentenceEmbedder.Shared.Embed(texts);
        // Embedded shortest first: a batch is padded to its longest text, so similar lengths together cost less.
        var byLength = Enumerable.Range(0, messages.Count).OrderBy(i => messages[i].Text.Length).ToArray();
        var sorted = embed([.. byLength.Select(i => messages[i].Text)]);
        var embeddings = new float[messages.Count][];
        for (var k = 0; k < byLength.Length; k++) embeddings[byLength[k]] = sorted[k];

        var held = new bool[messages.Count];
        foreach (var lane in messages.Select((m, i) => (m.Label, i)).GroupBy(x => x.Label))
        {
            var k = 0;
            foreach (var (_, i) in lane) held[i] = k++ % CalibrationEvery == CalibrationEvery - 1;
        }
        var fitIdx = Enumerable.Range(0, messages.Count).Where(i => !held[i]).ToList();
        var calIdx = Enumerable.Range(0, messages.Count).Where(i => held[i]).ToList();

        // The calibration model and the final one are independent, single-threaded fits: run them side by side.
        IntentModel? partial = null, model = null;
        Parallel.Invoke(
            () => partial = IntentModel.Train([.. fitIdx.Select(i => messages[i])], [.. fitIdx.Select(i => embeddings[i])], features),
            () => model = IntentModel.Train(messages, embeddings, features));
        List<(float[] Probabilities, int Label)> samples;
        using (partial)
        {
            samples = [.. calIdx.Select(i => (partial!.Probabilities(messages[i].Text, embeddings[i]),
                Index(partial.Lanes, Lanes.Normalize(messages[i].Label))))];
        }
        var temperature = TemperatureScaling.Fit(samples);
        var accuracy = samples.Count == 0 ? 0 : samples.Count(s => ArgMax(s.Probabilities) == s.Label) / (double)samples.Count;
        var before = samples.Count == 0 ? 0 : TemperatureScaling.LogLoss(samples, 1);
        var after = samples.Count == 0 ? 0 : TemperatureScaling.LogLoss(samples, temperature);
        log?.WriteLine($"calibration split {samples.Count} messages: accuracy {accuracy:P2}, temperature {temperature}, log loss {before:F4} -> {after:F4}");

        log?.WriteLine($"trained on {messages.Count} messages in {model!.TrainingTime.TotalSeconds:F1} s");
        return (model!, new RouterModelInfo(IntentData.Hash(messages), messages.Count, temperature, features.EmbeddingWeight,
            samples.Count, Math.Round(accuracy, 4), Math.Round(before, 4), Math.Round(after, 4)));
    }

    private static int Index(IReadOnlyList<string> lanes, string lane)
    {
        for (var i = 0; i < lanes.Count; i++) if (lanes[i] == lane) return i;
        return -1;
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
