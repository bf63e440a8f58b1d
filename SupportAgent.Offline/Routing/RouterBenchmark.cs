using System.Diagnostics;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// Trains the offline router's classifier from scratch, scores it on the held-out split and measures how fast it
/// predicts, single-threaded and in parallel. Prints a plain-text report; returns 0, or 1 when held-out accuracy
/// falls under <see cref="MinimumAccuracy"/>, so a CLI verb can fail a build on a regression.
/// </summary>
public static class RouterBenchmark
{
    public const double MinimumAccuracy = 0.90;

    public static int Run(TextWriter output) => Run(output, MlNetIntentClassifier.DefaultTrainer, throughputMessages: 5_000);

    public static int Run(TextWriter output, IntentTrainerKind trainer, int throughputMessages)
    {
        output.WriteLine($"Offline router benchmark ({trainer}, {Environment.ProcessorCount} cores)");
        output.WriteLine($"training messages {IntentData.ClassifierTraining.Count}, held-out messages {IntentData.HeldOut.Count}");

        var clock = Stopwatch.StartNew();
        using var classifier = new MlNetIntentClassifier(trainer: trainer);
        classifier.EnsureTrained();
        output.WriteLine($"training time      {clock.Elapsed.TotalSeconds,8:F2} s");

        var evaluation = IntentEvaluation.Run(classifier, IntentData.HeldOut);
        output.WriteLine($"held-out accuracy  {evaluation.Accuracy,8:P2}  ({evaluation.Count - evaluation.Errors.Count}/{evaluation.Count})");
        output.WriteLine();
        WriteLanes(output, evaluation);
        output.WriteLine();
        WriteConfusion(output, evaluation);
        output.WriteLine();
        WriteThroughput(output, classifier, throughputMessages);

        if (evaluation.Errors.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("misrouted held-out messages (expected -> got, confidence):");
            foreach (var (message, prediction) in evaluation.Errors)
                output.WriteLine($"  {message.Label} -> {prediction.Lane} {prediction.Confidence:F2}  {message.Text}");
        }
        return evaluation.Accuracy >= MinimumAccuracy ? 0 : 1;
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
