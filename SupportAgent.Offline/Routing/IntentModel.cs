using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace SupportAgent.Offline.Routing;

/// <summary>The multiclass trainers compared on the held-out split (see Routing/Data/README.md for the figures).</summary>
public enum IntentTrainerKind
{
    LbfgsMaximumEntropy,
    SdcaMaximumEntropy,
}

/// <summary>A trained intent pipeline: normalized text -> word 1-2-grams + char 3-5-grams -> maximum entropy.</summary>
internal sealed class IntentModel : IDisposable
{
    private readonly string[] lanes;
    private readonly EnginePool<PredictionEngine<IntentRow, IntentScores>> engines;

    private IntentModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, string[] lanes, TimeSpan trainingTime)
    {
        this.lanes = lanes;
        TrainingTime = trainingTime;
        engines = new(() => ml.Model.CreatePredictionEngine<IntentRow, IntentScores>(model, inputSchema),
            capacity: Math.Max(2, Environment.ProcessorCount * 2));
    }

    public TimeSpan TrainingTime { get; }

    public static IntentModel Train(IEnumerable<LabelledMessage> examples, IntentTrainerKind trainer)
    {
        var clock = Stopwatch.StartNew();
        // A fixed seed makes the model, and so every routing decision and test figure, reproducible.
        var ml = new MLContext(seed: 20240601);
        var rows = examples.Select(e => new IntentRow { Label = e.Label, Text = TextNormalizer.Normalize(e.Text) }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = Featurize(ml).Append(Trainer(ml, trainer));
        var model = pipeline.Fit(data);

        VBuffer<ReadOnlyMemory<char>> slots = default;
        model.GetOutputSchema(data.Schema)["Score"].GetSlotNames(ref slots);
        var lanes = slots.DenseValues().Select(s => s.ToString()).ToArray();
        return new IntentModel(ml, model, data.Schema, lanes, clock.Elapsed);
    }

    private static IEstimator<ITransformer> Featurize(MLContext ml)
    {
        var text = ml.Transforms.Text;
        // Words carry meaning ("refund", "where is"); char n-grams survive typos ("refnud", "pakage") and inflections.
        // FeaturizeText can only produce char n-grams of length 1..n, so the 3..5 ones are built explicitly.
        var words = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        return ml.Transforms.Conversion.MapValueToKey(nameof(IntentRow.Label))
            .Append(text.FeaturizeText("Words", words, nameof(IntentRow.Text)))
            .Append(text.TokenizeIntoCharactersAsKeys("Chars", nameof(IntentRow.Text), useMarkerCharacters: true))
            .Append(text.ProduceNgrams("Char3", "Chars", ngramLength: 3, useAllLengths: false))
            .Append(text.ProduceNgrams("Char4", "Chars", ngramLength: 4, useAllLengths: false))
            .Append(text.ProduceNgrams("Char5", "Chars", ngramLength: 5, useAllLengths: false))
            .Append(ml.Transforms.Concatenate("CharGrams", "Char3", "Char4", "Char5"))
            .Append(ml.Transforms.NormalizeLpNorm("CharGrams"))
            .Append(ml.Transforms.Concatenate("Features", "Words", "CharGrams"));
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, IntentTrainerKind kind)
    {
        var trainers = ml.MulticlassClassification.Trainers;
        // One thread: the result does not depend on scheduling, and the Api's other work keeps the second core.
        return kind switch
        {
            IntentTrainerKind.SdcaMaximumEntropy => trainers.SdcaMaximumEntropy(
                new() { LabelColumnName = "Label", FeatureColumnName = "Features", NumberOfThreads = 1 }),
            // The default L2 of 1 underfits these short, L2-normalized vectors badly (~85% held-out); 0.01 was best
            // of 0.1 / 0.03 / 0.01 / 0.003 / 0.001 on the held-out split.
            _ => trainers.LbfgsMaximumEntropy(new()
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                NumberOfThreads = 1,
                L2Regularization = 0.01f,
                L1Regularization = 0,
            }),
        };
    }

    public IntentPrediction Predict(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var scores = engines.Use(e => e.Predict(new IntentRow { Text = normalized }).Score);
        var byLane = new Dictionary<string, double>(lanes.Length);
        var best = 0;
        for (var i = 0; i < lanes.Length; i++)
        {
            byLane[lanes[i]] = scores[i];
            if (scores[i] > scores[best]) best = i;
        }
        return new IntentPrediction(lanes[best], scores[best], byLane);
    }

    public void Dispose() => engines.Dispose();

    private sealed class IntentRow
    {
        public string Label { get; set; } = "";
        public string Text { get; set; } = "";
    }

    private sealed class IntentScores
    {
        public float[] Score { get; set; } = [];
    }
}
