using System.Security.Cryptography;
using System.Text;

namespace SupportAgent.Offline.Routing;

/// <summary>One labelled line of a data file: a lane (or a guard kind) and a customer message.</summary>
public sealed record LabelledMessage(string Label, string Text);

/// <summary>
/// The labelled messages the project ships as embedded resources (Routing/Data/*.tsv, <c>label&lt;TAB&gt;text</c>).
/// Embedded rather than copied to the output folder so the classifier trains the same way in the Api, the tests and
/// any tool that references the assembly, with no path to configure.
/// </summary>
public static class IntentData
{
    public const string TrainResource = "intents.train.tsv";
    public const string HeldOutResource = "intents.heldout.tsv";
    public const string AdversarialResource = "adversarial.tsv";

    /// <summary>Resource prefix of Routing/Data/train/*.tsv: one file per customer style, all of it training data.</summary>
    public const string StyleFolderPrefix = "train.";

    private const string ResourcePrefix = "SupportAgent.Offline.Routing.Data.";

    private static readonly Lazy<IReadOnlyList<LabelledMessage>> train = new(() =>
        [.. Load(TrainResource), .. StyleResources().SelectMany(Load)]);
    private static readonly Lazy<IReadOnlyList<LabelledMessage>> heldOut = new(() => Load(HeldOutResource));
    private static readonly Lazy<IReadOnlyList<LabelledMessage>> adversarial = new(() => Load(AdversarialResource));

    /// <summary>
    /// Support messages labelled with their lane: intents.train.tsv, then every Routing/Data/train/*.tsv in name order.
    /// </summary>
    public static IReadOnlyList<LabelledMessage> Train => train.Value;

    /// <summary>Written separately from <see cref="Train"/>, never trained on: the accuracy figure comes from here.</summary>
    public static IReadOnlyList<LabelledMessage> HeldOut => heldOut.Value;

    /// <summary>
    /// Injection attempts and off-topic requests, labelled with their <see cref="GuardKind"/>. Kept apart from
    /// <see cref="Train"/> so that file stays "normal support traffic"; the classifier still learns them as GENERAL.
    /// </summary>
    public static IReadOnlyList<LabelledMessage> Adversarial => adversarial.Value;

    /// <summary>What the classifier trains on: the training messages plus the adversarial ones as GENERAL.</summary>
    public static IReadOnlyList<LabelledMessage> ClassifierTraining =>
        [.. Train, .. Adversarial.Select(m => m with { Label = Lanes.General })];

    /// <summary>
    /// SHA-256 of <see cref="ClassifierTraining"/> (label, tab, text, newline per message): the trained model records the
    /// hash of the data it was trained on, so a test can tell when the data moved on and the model did not.
    /// </summary>
    public static string Hash(IEnumerable<LabelledMessage> messages)
    {
        var text = new StringBuilder();
        foreach (var m in messages) text.Append(m.Label).Append('\t').Append(m.Text).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The Routing/Data/train/*.tsv resources (names relative to Routing/Data), ordinal name order.</summary>
    public static IReadOnlyList<string> StyleResources() =>
        [.. typeof(IntentData).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix + StyleFolderPrefix, StringComparison.Ordinal) && n.EndsWith(".tsv", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)];

    public static IReadOnlyList<LabelledMessage> Load(string resourceName)
    {
        var assembly = typeof(IntentData).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + resourceName)
            ?? throw new InvalidOperationException($"Embedded resource Routing/Data/{resourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    public static IReadOnlyList<LabelledMessage> Parse(TextReader reader)
    {
        var messages = new List<LabelledMessage>();
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0 || line.StartsWith('#')) continue;
            var text = line[(tab + 1)..].Trim();
            if (text.Length > 0) messages.Add(new(line[..tab].Trim(), text));
        }
        return messages;
    }
}
