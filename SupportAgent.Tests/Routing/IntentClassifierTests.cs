using SupportAgent.Api.Graph;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Routing;

[Collection(ClassifierCollection.Name)]
public sealed class IntentClassifierTests(ClassifierFixture fixture, ITestOutputHelper output)
{
    private MlNetIntentClassifier Classifier => fixture.Classifier;

    [Fact]
    public void Held_out_accuracy_is_at_least_90_percent()
    {
        var evaluation = IntentEvaluation.Run(Classifier, IntentData.HeldOut);

        output.WriteLine($"held-out accuracy {evaluation.Accuracy:P2} on {evaluation.Count} messages " +
            $"(temperature {Classifier.Info.Temperature}, {Classifier.Info.Messages} training messages)");
        foreach (var lane in evaluation.Lanes)
            output.WriteLine($"  {lane.Lane,-13} precision {lane.Precision:F3} recall {lane.Recall:F3} (n={lane.Support})");
        foreach (var (message, prediction) in evaluation.Errors)
            output.WriteLine($"  miss: {message.Label} -> {prediction.Lane} ({prediction.Confidence:F2}) {message.Text}");

        Assert.True(evaluation.Accuracy >= 0.90, $"held-out accuracy {evaluation.Accuracy:P2}");
    }

    [Fact]
    public void Every_lane_has_held_out_recall_of_at_least_80_percent()
    {
        var evaluation = IntentEvaluation.Run(Classifier, IntentData.HeldOut);

        Assert.All(evaluation.Lanes, lane => Assert.True(lane.Recall >= 0.80, $"{lane.Lane} recall {lane.Recall:F3}"));
    }

    [Fact]
    public void Confidence_is_the_probability_of_the_chosen_lane()
    {
        foreach (var message in IntentData.HeldOut.Take(60))
        {
            var prediction = Classifier.Predict(message.Text);

            Assert.Equal(Lanes.All.Order(), prediction.Scores.Keys.Order());
            Assert.InRange(prediction.Confidence, 0, 1);
            Assert.All(prediction.Scores.Values, p => Assert.InRange(p, 0, 1));
            Assert.Equal(1.0, prediction.Scores.Values.Sum(), 3);
            Assert.Equal(prediction.Scores.Values.Max(), prediction.Confidence, 6);
            Assert.Equal(prediction.Confidence, prediction.Scores[prediction.Lane], 6);
        }
    }

    [Fact]
    public void Clear_messages_get_high_confidence()
    {
        Assert.True(Classifier.Predict("I want a refund for order 1042").Confidence > 0.6);
        Assert.True(Classifier.Predict("where is my parcel? tracking hasn't moved in a week").Confidence > 0.6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public void Empty_messages_go_to_general(string text)
    {
        var prediction = Classifier.Predict(text);

        Assert.Equal(Lanes.General, prediction.Lane);
    }

    [Fact]
    public async Task Parallel_predictions_match_sequential_ones()
    {
        var texts = IntentData.HeldOut.Select(m => m.Text).ToArray();
        var expected = texts.Select(t => Classifier.Predict(t)).ToArray();
        var actual = new IntentPrediction[texts.Length * 4];

        await Parallel.ForAsync(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            (i, _) =>
            {
                actual[i] = Classifier.Predict(texts[i % texts.Length]);
                return ValueTask.CompletedTask;
            });

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % texts.Length].Lane, actual[i].Lane);
            Assert.Equal(expected[i % texts.Length].Confidence, actual[i].Confidence, 6);
        }
    }

    [Fact]
    public async Task Concurrent_first_use_trains_once_and_answers_everyone()
    {
        using var fresh = new MlNetIntentClassifier();
        var tasks = Enumerable.Range(0, 6).Select(_ => Task.Run(() => fresh.Predict("refund my order 1042 please")));

        var predictions = await Task.WhenAll(tasks);

        Assert.All(predictions, p => Assert.Equal(Lanes.Refund, p.Lane));
        Assert.True(fresh.IsTrained);
        Assert.True(fresh.TrainingTime < TimeSpan.FromSeconds(60), $"training took {fresh.TrainingTime}");
        output.WriteLine($"training time {fresh.TrainingTime.TotalSeconds:F2} s");
    }
}
