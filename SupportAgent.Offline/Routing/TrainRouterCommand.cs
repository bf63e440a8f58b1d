namespace SupportAgent.Offline.Routing;

/// <summary>
/// <c>train-router</c>: trains the router on <see cref="IntentData.ClassifierTraining"/> (embeddings, calibration
/// split, final model) and writes Routing/Model/router.zip and router.json into the checkout, to be committed with the
/// data it was trained on. Run it after changing anything under Routing/Data; a test fails until you do.
/// </summary>
public static class TrainRouterCommand
{
    public const string Usage = "usage: train-router   (run inside the checkout; writes " + RouterModelFile.SourceFolder + "/)";

    public static int Run(IReadOnlyList<string> args, TextWriter console)
    {
        if (args.Count != 0 || RouterHeldOut.RepositoryRoot() is not { } root)
        {
            console.WriteLine(Usage);
            return 2;
        }
        var messages = IntentData.ClassifierTraining;
        console.WriteLine($"train-router: {messages.Count} messages ({IntentData.Train.Count} training, {IntentData.Adversarial.Count} adversarial as GENERAL)");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (model, info) = RouterTraining.Train(messages, log: console);
        using (model)
        {
            var folder = Path.Combine(root, RouterModelFile.SourceFolder);
            RouterModelFile.Save(folder, model, info);
            console.WriteLine($"train-router: wrote {folder}/{RouterModelFile.ModelName} and {RouterModelFile.InfoName} in {clock.Elapsed.TotalSeconds:F0} s; rebuild to ship it");
        }
        return 0;
    }
}
