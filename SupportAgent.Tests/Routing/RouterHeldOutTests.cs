using SupportAgent.Offline.Routing;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Routing;

/// <summary>
/// datasets/router-heldout: customer messages written separately from the training data, in other styles, never
/// trained on. Only aggregate figures are printed, so nobody tunes the router to their texts.
/// </summary>
[Collection(ClassifierCollection.Name)]
public sealed class RouterHeldOutTests(ClassifierFixture fixture, ITestOutputHelper output)
{
    private static IReadOnlyList<StyledMessage> HeldOut() =>
        RouterHeldOut.Load(RouterHeldOut.Find(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No {RouterHeldOut.Folder} in the checkout above {AppContext.BaseDirectory}."));

    [Fact]
    public void Held_out_styles_are_routed_right_at_least_90_percent_of_the_time()
    {
        var messages = HeldOut();
        var evaluation = IntentEvaluation.Run(fixture.Classifier, [.. messages.Select(m => m.Message)]);

        foreach (var style in messages.GroupBy(m => m.Style).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byStyle = IntentEvaluation.Run(fixture.Classifier, [.. style.Select(m => m.Message)]);
            output.WriteLine($"{style.Key,-26} {byStyle.Accuracy,7:P1} of {byStyle.Count}");
        }
        output.WriteLine($"all styles {evaluation.Accuracy:P2} of {evaluation.Count}");
        Assert.True(messages.Count >= 500, $"{messages.Count} held-out messages");
        Assert.True(evaluation.Accuracy >= RouterBenchmark.MinimumAccuracy, $"held-out accuracy {evaluation.Accuracy:P2}");
    }

    [Fact]
    public void No_held_out_message_is_in_the_training_data()
    {
        var trained = IntentData.ClassifierTraining.Select(m => DataKey.Of(m.Text)).ToHashSet();

        var leaked = HeldOut().Select(m => DataKey.Of(m.Message.Text)).Count(k => k.Length > 0 && trained.Contains(k));

        Assert.True(leaked == 0, $"{leaked} held-out messages are also training messages");
    }
}
