using System.Diagnostics;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// Scores the offline router on both held-out sets, the old one in the training file's style (intents.heldout.tsv) and
/// the separately written one in other customer styles (datasets/router-heldout, accuracy per style), and measures how
/// fast it predicts. Prints a plain-text report; returns 0, or 1 when either accuracy falls under
/// <see cref="MinimumAccuracy"/>, so a CLI verb can fail a build on a regression. Only aggregate figures are printed for
/// the styled set: its texts are not for tuning.
/// </summary>
public static class RouterBenchmark
{
    public const double MinimumAccuracy = 0.90;

    /// <summary>The shipped model against the held-out sets of the checkout around the working directory.</summary>
    public static int Run(TextWriter output) => Run(output, null, RouterHeldOut.Find(), throughputMessages: 2_000);

    /// <param name="classifier">The classifier to score; null loads the shipped one.</param>
    /// <param name="heldOutFolder">datasets/router-heldout, or null to skip the styled set.</param>
    public static int Run(TextWriter output, MlNetIntentClassifier? classifier, string? heldOutFolder, int throughputMessages)
    {
        var owned = classifier is null ? new MlNetIntentClassifier() : null;
        classifier ??= owned!;
        try
        {
            var clock = Stopwatch.StartNew();
            classifier.EnsureTrained();
            var info = classifier.Info;
            output.WriteLine($"Offline router benchmark ({Environment.ProcessorCount} cores)");
            output.WriteLine($"model: {info.Messages} training messages, temperature {info.Temperature}, loaded in {clock.Elapsed.TotalSeconds:F2} s" +
                (info.DataHash == IntentData.Hash(IntentData.ClassifierTraining) ? "" : "  (STALE: the data changed since train-router)"));
            output.WriteLine();

            var old = IntentEvaluation.Run(classifier, IntentData.HeldOut);
            output.WriteLine($"intents.heldout.tsv accuracy  {old.Accuracy,8:P2}  ({old.Count - old.Errors.Count}/{old.Count})");
            var pass = old.Accuracy >= MinimumAccuracy;

            if (heldOutFolder is not null && RouterHeldOut.Load(heldOutFolder) is { Count: > 0 } styled)
            {
                var all = IntentEvaluation.Run(classifier, [.. styled.Select(s => s.Message)]);
                output.WriteLine($"{RouterHeldOut.Folder} accuracy  {all.Accuracy,8:P2}  ({all.Count - all.Errors.Count}/{all.Count})");
                output.WriteLine();
                output.WriteLine($"{"style",-24}{"messages",9}{"accuracy",10}");
                foreach (var style in styled.GroupBy(s => s.Style).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    var evaluation = IntentEvaluation.Run(classifier, [.. style.Select(s => s.Message)]);
                    output.WriteLine($"{style.Key,-24}{evaluation.Count,9}{evaluation.Accuracy,10:P1}");
                }
                output.WriteLine();
                WriteLanes(output, all);
                output.WriteLine();
                WriteConfusion(output, all);
                output.WriteLine();
                WriteConfidence(output, classifier, [.. styled.Select(s => s.Message)]);
                pass &= all.Accuracy >= MinimumAccuracy;
            }
            output.WriteLine();
            WriteThroughput(output, classifier, throughputMessages);

            if (old.Errors.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("misrouted intents.heldout.tsv messages (expected -> got, confidence):");
                foreach (var (message, prediction) in old.Errors)
                    output.WriteLine($"  {message.Label} -> {prediction.Lane} {prediction.Confidence:F2}  {message.Text}");
            }
            return pass ? 0 : 1;
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private static void WriteLanes(TextWriter output, IntentEvaluation evaluation)
    {
        output.WriteLine($"{"lane",-14}{"support",8}{"precision",11}{"recall",9}");
        foreach (var lane in evaluation.Lanes)
            output.WriteLine($"{lane.Lane,-14}{lane.Support,8}{lane.Precision,11:F3}{lane.Recall,9:F3}");
    }

    private static void WriteConfusion(TextWriter output, IntentEvaluation evaluation)
    {
        output.WriteLine("confusion (rows: expected, columns: predicted)");
        output.WriteLine($"{"",-14}" + string.Concat(Lanes.All.Select(l => $"{Short(l),8}")));
        foreach (var actual in Lanes.All)
            output.WriteLine($"{actual,-14}" + string.Concat(Lanes.All.Select(p => $"{evaluation.Confusion[actual][p],8}")));
    }

    /// <summary>Calibration in aggregate: per confidence band, how many messages fall in it and how many are right.</summary>
    private static void WriteConfidence(TextWriter output, IIntentClassifier classifier, IReadOnlyList<LabelledMessage> messages)
    {
        double[] edges = [0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
        var predictions = messages.Select(m =>
        {
            var prediction = classifier.Predict(m.Text);
            return (Right: prediction.Lane == Lanes.Normalize(m.Label), prediction.Confidence);
        }).ToList();
        output.WriteLine($"{"confidence",-14}{"messages",9}{"accuracy",10}{"mean conf",11}");
        for (var i = 0; i + 1 < edges.Length; i++)
        {
            var band = predictions.Where(p => p.Confidence >= edges[i] && p.Confidence < edges[i + 1]).ToList();
            if (band.Count == 0) continue;
            output.WriteLine($"{$"{edges[i]:F1}-{Math.Min(edges[i + 1], 1):F1}",-14}{band.Count,9}{band.Count(b => b.Right) / (double)band.Count,10:P1}{band.Average(b => b.Confidence),11:F2}");
        }
    }

    private static void WriteThroughput(TextWriter output, MlNetIntentClassifier classifier, int count)
    {
        var texts = IntentData.HeldOut.Select(m => m.Text).ToArray();
        foreach (var text in texts) classifier.Predict(text); // warm the engine pool and the JIT

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) classifier.Predict(texts[i % texts.Length]);
        var single = count / clock.Elapsed.TotalSeconds;

        clock.Restart();
        Parallel.For(0, count, i => classifier.Predict(texts[i % texts.Length]));
        var parallel = count / clock.Elapsed.TotalSeconds;

        output.WriteLine($"{"throughput",-14}{"messages/s",12}{"latency",12}");
        output.WriteLine($"{"1 thread",-14}{single,12:F0}{1000 / single,10:F3}ms");
        output.WriteLine($"{"parallel",-14}{parallel,12:F0}{"",12}  ({Environment.ProcessorCount} cores)");
    }

    private static string Short(string lane) => lane switch
    {
        Lanes.OrderLookup => "ORDER",
        Lanes.Shipping => "SHIP",
        Lanes.General => "GENERAL",
        _ => lane,
    };
}
