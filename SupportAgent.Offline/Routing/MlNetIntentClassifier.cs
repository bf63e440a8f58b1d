using SupportAgent.Embeddings;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// The offline router's classifier: word and char n-grams plus a MiniLM sentence embedding, a maximum-entropy model,
/// and a calibration temperature. By default it loads the model <c>train-router</c> embedded in the assembly
/// (<see cref="RouterModelFile"/>); given messages, it trains on them instead (tests, experiments). Either happens
/// once, lazily and thread-safely. Register it as a singleton; <see cref="Predict"/> may be called from any thread.
/// </summary>
public sealed class MlNetIntentClassifier : IIntentClassifier, IDisposable
{
    private readonly Lazy<(IntentModel Model, RouterModelInfo Info)> model;
    private readonly SentenceEmbedder embedder;

    /// <summary>The model shipped in the assembly; trains on <see cref="IntentData.ClassifierTraining"/> if none is.</summary>
    public MlNetIntentClassifier() : this(null, null) { }

    /// <param name="training">Messages to train on now instead of loading the shipped model.</param>
    public MlNetIntentClassifier(IReadOnlyList<LabelledMessage>? training, IntentFeatures? features = null, SentenceEmbedder? embedder = null)
    {
        this.embedder = embedder ?? SentenceEmbedder.Shared;
        var embed = this.embedder;
        model = new(() => training is null && RouterModelFile.LoadEmbedded() is { } shipped
                ? shipped
                : RouterTraining.Train(training ?? IntentData.ClassifierTraining, features, texts => embed.Embed(texts)),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsTrained => model.IsValueCreated;

    /// <summary>What the model was trained on and its calibration; loads or trains first if needed.</summary>
    public RouterModelInfo Info => model.Value.Info;

    /// <summary>How long training took (zero for the shipped model); loads or trains first if needed.</summary>
    public TimeSpan TrainingTime => model.Value.Model.TrainingTime;

    /// <summary>Loads or trains now rather than on the first message, e.g. from a start-up hosted service.</summary>
    public void EnsureTrained()
    {
        _ = model.Value;
        embedder.Embed("warm up");
    }

    public IntentPrediction Predict(string text)
    {
        // Nothing to classify is not a reason to guess a lane: GENERAL asks the customer what they need.
        if (string.IsNullOrWhiteSpace(text)) return Certain(Lanes.General);
        if (TextNormalizer.Normalize(text).Length == 0) return Certain(Lanes.General);

        var (intent, info) = model.Value;
        var probabilities = TemperatureScaling.Apply(intent.Probabilities(text, embedder.Embed(text)), info.Temperature);
        var scores = new Dictionary<string, double>(Lanes.All.Count);
        var best = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            scores[intent.Lanes[i]] = probabilities[i];
            if (probabilities[i] > probabilities[best]) best = i;
        }
        return new IntentPrediction(intent.Lanes[best], probabilities[best], scores);
    }

    public void Dispose()
    {
        if (model.IsValueCreated) model.Value.Model.Dispose();
    }

    private static IntentPrediction Certain(string lane) =>
        new(lane, 1.0, Lanes.All.ToDictionary(l => l, l => l == lane ? 1.0 : 0.0));
}
