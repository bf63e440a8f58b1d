using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace SupportAgent.MockBackends.Docs;

public sealed record DocHitDto(string ArticleId, string Title, string Passage, double Rank);

public sealed record ArticleDto(string ArticleId, string Title, string Category, string Body);

/// <summary>
/// Help-center search with PostgreSQL full-text search. Articles matching the whole question (websearch syntax) rank
/// first; an OR of its words is the fallback, so a natural question such as "can I send back a gift?" still finds
/// something. The passage is the article's best-matching paragraph.
/// </summary>
public sealed partial class DocsSearch(NpgsqlDataSource db)
{
    private const int MaxWords = 32;

    public async Task<IReadOnlyList<DocHitDto>> SearchAsync(string query, int limit, CancellationToken ct)
    {
        var words = Words().Matches(query).Select(m => m.Value.ToLowerInvariant())
            .Where(w => w.Length > 1 && w is not ("or" or "and")).Distinct().Take(MaxWords).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var hits = await connection.QueryAsync<DocHitDto>(new CommandDefinition("""
            WITH q AS (
                SELECT websearch_to_tsquery('english', @query) AS strict,
                       websearch_to_tsquery('english', @anyWord) AS loose
            ),
            ranked AS (
                SELECT a.id, a.title,
                       -- Titles weigh most; an article matching every word of the question gets a bonus over one matching some.
                       ts_rank_cd('{0.05, 0.1, 0.3, 1.0}', a.search, q.loose, 32)
                       + (CASE WHEN a.search @@ q.strict THEN 0.3 ELSE 0.0 END) AS rank
                FROM articles a, q
                WHERE a.search @@ q.loose
                ORDER BY rank DESC, a.id
                LIMIT @limit
            )
            SELECT r.id AS ArticleId, r.title AS Title, p.text AS Passage, r.rank::float8 AS Rank
            FROM ranked r CROSS JOIN q
            CROSS JOIN LATERAL (
                SELECT ap.text FROM article_paragraphs ap
                WHERE ap.article_id = r.id
                -- Articles are written lead-first: on a near tie the opening paragraph is the better answer.
                ORDER BY ts_rank_cd(ap.search, q.loose, 32) + (CASE WHEN ap.seq = 1 THEN 0.1 ELSE 0.0 END) DESC, ap.seq
                LIMIT 1
            ) p
            ORDER BY r.rank DESC, r.id
            """, new { query, anyWord = string.Join(" or ", words), limit }, cancellationToken: ct));
        return hits.ToList();
    }

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

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
