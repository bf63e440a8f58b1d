namespace SupportAgent.Offline.Routing;

/// <summary>
/// The offline router's classifier: an ML.NET text model trained once, lazily and thread-safely, from the labelled
/// messages embedded in the assembly (a couple of seconds on two cores), then shared by every request.
/// Register it as a singleton; <see cref="Predict"/> may be called from any number of threads.
/// </summary>
public sealed class MlNetIntentClassifier(
    IReadOnlyList<LabelledMessage>? training = null,
    IntentTrainerKind trainer = MlNetIntentClassifier.DefaultTrainer) : IIntentClassifier, IDisposable
{
    /// <summary>Chosen by held-out accuracy (Routing/Data/README.md has the comparison).</summary>
    public const IntentTrainerKind DefaultTrainer = IntentTrainerKind.LbfgsMaximumEntropy;

    private readonly Lazy<IntentModel> model = new(
        () => IntentModel.Train(training ?? IntentData.ClassifierTraining, trainer),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public IntentTrainerKind Trainer => trainer;

    public bool IsTrained => model.IsValueCreated;

    /// <summary>How long training took; trains first if needed.</summary>
    public TimeSpan TrainingTime => model.Value.TrainingTime;

    /// <summary>Trains now rather than on the first message, e.g. from a start-up hosted service.</summary>
    public void EnsureTrained() => _ = model.Value;

    public IntentPrediction Predict(string text)
    {
        // Nothing to classify is not a reason to guess a lane: GENERAL asks the customer what they need.
        if (string.IsNullOrWhiteSpace(text)) return Certain(Lanes.General);
        var normalized = TextNormalizer.Normalize(text);
        return normalized.Length == 0 ? Certain(Lanes.General) : model.Value.Predict(text);
    }

    public void Dispose()
    {
        if (model.IsValueCreated) model.Value.Dispose();
    }

    private static IntentPrediction Certain(string lane) =>
        new(lane, 1.0, Lanes.All.ToDictionary(l => l, l => l == lane ? 1.0 : 0.0));
}
