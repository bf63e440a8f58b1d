using System.Text.Json.Nodes;

namespace SupportAgent.Offline.Routing;

/// <summary>A held-out message and the customer style it is written in.</summary>
public sealed record StyledMessage(string Style, LabelledMessage Message);

/// <summary>
/// datasets/router-heldout/*.jsonl: <c>{"id","style","text","lane"}</c> lines written separately from the training
/// data, in styles it does not use. Never trained on, and read only for aggregate figures (accuracy per style and the
/// confusion matrix), so the router is not tuned to its texts.
/// </summary>
public static class RouterHeldOut
{
    public const string Folder = "datasets/router-heldout";

    /// <summary>Every message of every file in <paramref name="folder"/>, files in name order.</summary>
    public static IReadOnlyList<StyledMessage> Load(string folder)
    {
        var messages = new List<StyledMessage>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                var node = JsonNode.Parse(line)!;
                var style = node["style"]?.GetValue<string>() ?? Path.GetFileNameWithoutExtension(file);
                messages.Add(new(style, new(node["lane"]!.GetValue<string>(), node["text"]!.GetValue<string>())));
            }
        }
        return messages;
    }

    /// <summary>The folder in the checkout above <paramref name="start"/> (the working directory by default), or null.</summary>
    public static string? Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Environment.GetEnvironmentVariable("PWD") ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SupportAgent.sln")))
                return Directory.Exists(Path.Combine(dir.FullName, Folder)) ? Path.Combine(dir.FullName, Folder) : null;
        }
        return null;
    }

    /// <summary>The repository root above <paramref name="start"/>, or null.</summary>
    public static string? RepositoryRoot(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Environment.GetEnvironmentVariable("PWD") ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SupportAgent.sln"))) return dir.FullName;
        return null;
    }
}
