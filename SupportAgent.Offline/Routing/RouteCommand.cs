using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// <c>route IN.jsonl OUT.jsonl</c>: routes customer messages with the offline classifier, with no server and no
/// database. Reads <c>{"id","text"}</c> lines (other fields are ignored), writes <c>{"id","lane","confidence"}</c> lines
/// in the same order. Exit code 0, or 2 for bad usage or an unreadable line (reported with its line number).
/// </summary>
public static class RouteCommand
{
    public const string Usage = "usage: route IN.jsonl OUT.jsonl   (IN lines: {\"id\": ..., \"text\": ...}; OUT lines: {\"id\", \"lane\", \"confidence\"})";

    /// <summary>
    /// A relative path means the caller's directory: <c>dotnet run</c> starts a web project in its own folder, so the
    /// shell's directory (<c>PWD</c>) is used when it is set.
    /// </summary>
    private static string FromCaller(string path) =>
        Path.IsPathRooted(path) || Environment.GetEnvironmentVariable("PWD") is not { Length: > 0 } pwd
            ? Path.GetFullPath(path)
            : Path.GetFullPath(Path.Combine(pwd, path));

    public static int Run(IReadOnlyList<string> args, TextWriter console, IIntentClassifier? classifier = null)
    {
        if (args.Count != 2)
        {
            console.WriteLine(Usage);
            return 2;
        }
        var (input, output) = (FromCaller(args[0]), FromCaller(args[1]));
        if (!File.Exists(input))
        {
            console.WriteLine($"route: {input} does not exist.");
            return 2;
        }

        var messages = new List<(JsonNode? Id, string Text)>();
        var number = 0;
        foreach (var line in File.ReadLines(input))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                var node = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not a JSON object");
                var text = node["text"]?.GetValue<string>() ?? throw new JsonException("no \"text\"");
                messages.Add((node["id"]?.DeepClone(), text));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                console.WriteLine($"route: {input}:{number}: {ex.Message}");
                return 2;
            }
        }

        var owned = classifier is null ? IntentClassifiers.CreateDefault() : null;
        var router = classifier ?? owned!;
        try
        {
            using var writer = new StreamWriter(output);
            foreach (var (id, text) in messages)
            {
                var prediction = router.Predict(text);
                writer.WriteLine(new JsonObject
                {
                    ["id"] = id,
                    ["lane"] = prediction.Lane,
                    ["confidence"] = Math.Round(prediction.Confidence, 4),
                }.ToJsonString());
            }
        }
        finally
        {
            (owned as IDisposable)?.Dispose();
        }
        console.WriteLine($"route: {messages.Count} messages routed to {output}");
        return 0;
    }
}
