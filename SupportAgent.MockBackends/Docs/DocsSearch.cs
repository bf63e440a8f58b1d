using Dapper;
using Npgsql;
using SupportAgent.Embeddings;

namespace SupportAgent.MockBackends.Docs;

public sealed record DocHitDto(string ArticleId, string Title, string Passage, double Rank);

public sealed record ArticleDto(string ArticleId, string Title, string Category, string Body);

/// <summary>
/// Help-center search: hybrid retrieval over the articles' paragraphs, keyword (BM25) plus MiniLM sentence embeddings
/// (SupportAgent.Embeddings/HybridIndex.cs), so a question in a customer's own words finds the paragraph that answers
/// it. Each article comes once, with its best paragraph. A hit must clear <see cref="Floor"/>: below it the help center
/// has no answer and the search returns nothing, rather than the nearest passage (which a bot would then quote).
/// The index is built from the same embedded articles the seed writes to the database, once, before the service
/// reports healthy (Program.cs).
/// </summary>
public sealed class DocsSearch(NpgsqlDataSource db)
{
    /// <summary>The hybrid score a passage needs to count as an answer; measured in Tests/Embeddings/HybridIndexTests.</summary>
    public const double Floor = 0.39;

    private static readonly Lazy<IReadOnlyList<IndexedPassage>> passages = new(() =>
        ArticleLibrary.Load().SelectMany(a => a.Paragraphs.Select(p => new IndexedPassage(a.Id, a.Title, p))).ToList());

    private static readonly Lazy<HybridIndex> index = new(() => new HybridIndex(passages.Value, SentenceEmbedder.Shared),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the model and embeds the articles (a few seconds), so the first customer does not wait for it.</summary>
    public static void WarmUp() => _ = index.Value.Count;

    public Task<IReadOnlyList<DocHitDto>> SearchAsync(string query, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var all = index.Value.Search(query, index.Value.Count, Floor);
        IReadOnlyList<DocHitDto> hits = all
            .DistinctBy(h => h.Passage.DocumentId)
            .Take(limit)
            .Select(h => new DocHitDto(h.Passage.DocumentId, h.Passage.Title, Passage(h, all), Math.Round(h.Score, 4)))
            .ToList();
        return Task.FromResult(hits);
    }

    /// <summary>
    /// The best paragraph, after the article's lead paragraph when that is relevant too: an article's first paragraph
    /// states its rule ("You can return most items within 30 days"), and a question in other words often ranks a
    /// detail paragraph ("To qualify, an item must be unused") first, which quoted alone misses the answer.
    /// </summary>
    private static string Passage(PassageHit best, IReadOnlyList<PassageHit> relevant)
    {
        var lead = leads.Value[best.Passage.DocumentId];
        if (best.Passage == lead || !relevant.Any(h => h.Passage == lead)) return best.Passage.Text;
        return $"{lead.Text}\n\n{best.Passage.Text}";
    }

    /// <summary>Each article's first paragraph: the first of its passages, which are in article order.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, IndexedPassage>> leads = new(() => passages.Value
        .DistinctBy(p => p.DocumentId).ToDictionary(p => p.DocumentId));

    public async Task<ArticleDto?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleDto>(new CommandDefinition(
            "SELECT id AS ArticleId, title AS Title, category AS Category, body AS Body FROM articles WHERE id = @id",
            new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ArticleDto>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ArticleDto>(new CommandDefinition(
            "SELECT id AS ArticleId, title AS Title, category AS Category, '' AS Body FROM articles ORDER BY category, id", cancellationToken: ct));
        return rows.ToList();
    }
}
