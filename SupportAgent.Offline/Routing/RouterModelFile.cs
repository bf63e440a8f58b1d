using System.Text.Json;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// The trained router shipped inside the assembly (Routing/Model/router.zip and router.json). Training embeds thousands
/// of messages with MiniLM (about half a minute here), too slow for every start of the Api or of a test, so
/// <c>train-router</c> trains it once and the product loads it in well under a second.
/// </summary>
public static class RouterModelFile
{
    public const string ModelName = "router.zip";
    public const string InfoName = "router.json";

    /// <summary>Where <c>train-router</c> writes, relative to the repository root.</summary>
    public const string SourceFolder = "SupportAgent.Offline/Routing/Model";

    private const string ResourcePrefix = "SupportAgent.Offline.Routing.Model.";

    private static readonly JsonSerializerOptions json = new() { WriteIndented = true };

    public static bool IsEmbedded => typeof(RouterModelFile).Assembly.GetManifestResourceInfo(ResourcePrefix + ModelName) is not null;

    /// <summary>What the embedded model was trained on, or null when no model is embedded.</summary>
    public static RouterModelInfo? EmbeddedInfo()
    {
        using var stream = typeof(RouterModelFile).Assembly.GetManifestResourceStream(ResourcePrefix + InfoName);
        return stream is null ? null : JsonSerializer.Deserialize<RouterModelInfo>(stream);
    }

    internal static (IntentModel Model, RouterModelInfo Info)? LoadEmbedded()
    {
        if (EmbeddedInfo() is not { } info) return null;
        using var stream = typeof(RouterModelFile).Assembly.GetManifestResourceStream(ResourcePrefix + ModelName);
        return stream is null ? null : (IntentModel.Load(stream, info.EmbeddingWeight), info);
    }

    internal static void Save(string folder, IntentModel model, RouterModelInfo info)
    {
        Directory.CreateDirectory(folder);
        using (var stream = File.Create(Path.Combine(folder, ModelName))) model.Save(stream);
        File.WriteAllText(Path.Combine(folder, InfoName), JsonSerializer.Serialize(info, json) + "\n");
    }
}
