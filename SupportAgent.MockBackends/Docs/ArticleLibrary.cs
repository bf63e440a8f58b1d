namespace SupportAgent.MockBackends.Docs;

public sealed record Article(string Id, string Title, string Category, IReadOnlyList<string> Paragraphs);

/// <summary>
/// The help-center articles, kept as embedded text files (Docs/Articles/*.md) so writers edit prose, not C#.
/// Format: "=== id", then "title:" and "category:" lines, then paragraphs separated by blank lines.
/// </summary>
public static class ArticleLibrary
{
    private const string ResourcePrefix = "SupportAgent.MockBackends.Docs.Articles.";

    public static IReadOnlyList<Article> Load()
    {
        var assembly = typeof(ArticleLibrary).Assembly;
        var articles = new List<Article>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order())
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            articles.AddRange(Parse(reader.ReadToEnd()));
        }
        var duplicate = articles.GroupBy(a => a.Id).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? articles : throw new InvalidOperationException($"Article id '{duplicate.Key}' is used twice.");
    }

    public static IEnumerable<Article> Parse(string text)
    {
        var blocks = text.ReplaceLineEndings("\n").Split("=== ", StringSplitOptions.RemoveEmptyEntries);
        foreach (var block in blocks)
        {
            var lines = block.Split('\n');
            var id = lines[0].Trim();
            var title = Header(lines, "title:", id);
            var category = Header(lines, "category:", id);
            var paragraphs = string.Join('\n', lines.Skip(3))
                .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Replace('\n', ' '))
                .ToList();
            if (paragraphs.Count == 0)
            {
                throw new InvalidOperationException($"Article '{id}' has no text.");
            }
            yield return new Article(id, title, category, paragraphs);
        }
    }

    private static string Header(string[] lines, string prefix, string id) =>
        lines.Take(3).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim()
        ?? throw new InvalidOperationException($"Article '{id}' has no '{prefix}' line.");
}
