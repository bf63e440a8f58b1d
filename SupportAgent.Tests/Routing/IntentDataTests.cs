using System.Text.RegularExpressions;
using SupportAgent.Api.Graph;
using SupportAgent.Offline.Routing;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Routing;

public sealed partial class IntentDataTests
{
    [Fact]
    public void Training_set_has_at_least_1300_messages_and_200_per_lane()
    {
        Assert.True(IntentData.Train.Count >= 1300, $"{IntentData.Train.Count} training messages");
        foreach (var lane in Lanes.All)
        {
            var count = IntentData.Train.Count(m => m.Label == lane);
            Assert.True(count >= 200, $"{lane} has {count} training messages");
        }
    }

    [Fact]
    public void Held_out_set_has_at_least_250_messages_covering_every_lane()
    {
        Assert.True(IntentData.HeldOut.Count >= 250, $"{IntentData.HeldOut.Count} held-out messages");
        foreach (var lane in Lanes.All)
            Assert.True(IntentData.HeldOut.Count(m => m.Label == lane) >= 50, lane);
    }

    [Fact]
    public void The_training_data_includes_every_style_file()
    {
        var styles = IntentData.StyleResources();

        Assert.NotEmpty(styles);
        Assert.Equal(IntentData.Load(IntentData.TrainResource).Count + styles.Sum(s => IntentData.Load(s).Count), IntentData.Train.Count);
    }

    [Fact]
    public void Every_label_is_a_lane()
    {
        Assert.All(IntentData.Train.Concat(IntentData.HeldOut), m => Assert.Contains(m.Label, Lanes.All));
        Assert.All(IntentData.Adversarial, m => Assert.True(Enum.TryParse<GuardKind>(m.Label, out var kind) && kind != GuardKind.Ok));
    }

    [Fact]
    public void No_sentence_is_shared_between_training_and_held_out()
    {
        var trained = IntentData.Train.Concat(IntentData.Adversarial).SelectMany(m => Sentences(m.Text)).ToHashSet();

        var shared = IntentData.HeldOut
            .SelectMany(m => Sentences(m.Text).Where(trained.Contains).Select(s => $"'{s}' in: {m.Text}"))
            .ToList();

        Assert.True(shared.Count == 0, string.Join("\n", shared));
    }

    [Fact]
    public void No_message_appears_twice_in_a_file()
    {
        string[] files = [IntentData.TrainResource, IntentData.HeldOutResource, IntentData.AdversarialResource, .. IntentData.StyleResources()];
        foreach (var set in files.Select(IntentData.Load))
        {
            var duplicates = set.GroupBy(m => DataKey.Of(m.Text)).Where(g => g.Key.Length > 0 && g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, string.Join("\n", duplicates));
        }
    }

    [Fact]
    public void The_classifier_learns_adversarial_messages_as_general()
    {
        var training = IntentData.ClassifierTraining;

        Assert.Equal(IntentData.Train.Count + IntentData.Adversarial.Count, training.Count);
        Assert.All(training.Skip(IntentData.Train.Count), m => Assert.Equal(Lanes.General, m.Label));
    }

    [Fact]
    public void Messages_vary_in_length_from_a_couple_of_words_to_several_sentences()
    {
        var words = IntentData.Train.Select(m => m.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length).ToList();

        Assert.True(words.Count(w => w <= 3) >= 60, "short messages");
        Assert.True(words.Count(w => w >= 15) >= 75, "long messages");
        Assert.True(IntentData.Train.Count(m => Sentences(m.Text).Count() >= 2) >= 100, "multi-sentence messages");
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(DataKey.Of).Where(s => s.Length > 0);

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
