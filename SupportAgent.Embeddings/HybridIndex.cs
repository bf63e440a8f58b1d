using System.Text.RegularExpressions;

namespace SupportAgent.Embeddings;

/// <summary>A passage to search: a paragraph of a document, with the document's title.</summary>
public sealed record IndexedPassage(string DocumentId, string Title, string Text);

/// <param name="Score">The hybrid score in 0..1: what ranks, and what must clear the floor.</param>
/// <param name="Keyword">BM25 of the query words, squashed to 0..1 (x / (x + 4)).</param>
/// <param name="Semantic">Cosine similarity of the MiniLM embeddings of the query and the passage.</param>
public sealed record PassageHit(IndexedPassage Passage, double Score, double Keyword, double Semantic);

/// <summary>
/// Hybrid retrieval over a small corpus (the help center): BM25 over the words of title and passage, plus MiniLM
/// sentence embeddings, so "can I get my money back for a present" finds the gift-returns paragraph although it shares
/// few words with it, and an exact term ("PO box", "VAT") still counts. Both scores are absolute (BM25 squashed to
/// 0..1, cosine as is), so a floor on the hybrid score tells "the help center has no answer" from a weak nearest
/// passage, which is what a customer must not be quoted.
/// </summary>
public sealed partial class HybridIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double SemanticWeight = 0.65;

    private readonly IReadOnlyList<IndexedPassage> passages;
    private readonly List<Dictionary<string, int>> termCounts;
    private readonly int[] lengths;
    private readonly double averageLength;
    private readonly Dictionary<string, int> documentFrequency = [];
    private readonly float[][] vectors;
    private readonly SentenceEmbedder embedder;

    /// <summary>The articles' own words, as written: what a misspelled query word is corrected to.</summary>
    private readonly HashSet<string> vocabulary;

    public HybridIndex(IReadOnlyList<IndexedPassage> passages, SentenceEmbedder embedder)
    {
        this.passages = passages;
        this.embedder = embedder;
        // The title counts twice: it says what the whole article is about.
        termCounts = passages.Select(p => Terms($"{p.Title} {p.Title} {p.Text}").GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count())).ToList();
        lengths = termCounts.Select(c => c.Values.Sum()).ToArray();
        averageLength = lengths.Length == 0 ? 1 : lengths.Average();
        foreach (var term in termCounts.SelectMany(c => c.Keys))
            documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        vectors = embedder.Embed(passages.Select(p => $"{p.Title}. {p.Text}").ToList());
        vocabulary = passages.SelectMany(p => Word().Matches($"{p.Title} {p.Text}".ToLowerInvariant()).Select(m => m.Value))
            .Where(w => w.Length >= 4 && w.All(char.IsLetter)).ToHashSet(StringComparer.Ordinal);
    }

    public int Count => passages.Count;

    /// <summary>Passages best first, at most <paramref name="limit"/>, each scoring at least <paramref name="floor"/>.</summary>
    public IReadOnlyList<PassageHit> Search(string query, int limit, double floor = 0)
    {
        query = Corrected(query);
        var terms = Terms(query).Distinct().ToList();
        if (terms.Count == 0 || passages.Count == 0) return [];
        var queryVector = embedder.Embed(query);
        var hits = new List<PassageHit>(passages.Count);
        for (var i = 0; i < passages.Count; i++)
        {
            var keyword = Squash(Bm25(terms, i));
            var semantic = (double)SentenceEmbedder.Similarity(queryVector, vectors[i]);
            var score = SemanticWeight * Math.Max(0, semantic) + (1 - SemanticWeight) * keyword;
            if (score >= floor) hits.Add(new PassageHit(passages[i], score, keyword, semantic));
        }
        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.Passage.DocumentId, StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <summary>
    /// The query with misspelled words replaced by the help center's own word one typo away ("wats ur retrun
    /// polcy" -> "wats ur return policy"), so both the keyword and the embedding side see what the customer meant.
    /// Words the articles use, and short words, are left alone.
    /// </summary>
    public string Corrected(string query) => Word().Replace(query, m =>
    {
        var word = m.Value.ToLowerInvariant();
        // One typo, in words of five letters or more: "shop" is not a misspelled "ship", nor "stopped" a "dropped".
        if (word.Length < 5 || StopWords.Contains(word) || documentFrequency.ContainsKey(Fold(word)) || vocabulary.Contains(word)) return m.Value;
        const int allowed = 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in vocabulary)
        {
            if (Math.Abs(candidate.Length - word.Length) > allowed) continue;
            var distance = EditDistance.Between(word, candidate, allowed);
            if (distance < bestDistance || distance == bestDistance && best is not null && string.CompareOrdinal(candidate, best) < 0)
                (best, bestDistance) = (candidate, distance);
        }
        return best is not null && bestDistance <= allowed ? best : m.Value;
    });

    private double Bm25(IReadOnlyList<string> terms, int index)
    {
        var counts = termCounts[index];
        var score = 0.0;
        foreach (var term in terms)
        {
            if (!counts.TryGetValue(term, out var tf)) continue;
            var df = documentFrequency[term];
            var idf = Math.Log(1 + (passages.Count - df + 0.5) / (df + 0.5));
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[index] / averageLength));
        }
        return score;
    }

    private static double Squash(double bm25) => bm25 / (bm25 + 4);

    /// <summary>Lower-cased words without stop words, plural and verb endings folded ("refunds", "refunded" -> "refund").</summary>
    public static IEnumerable<string> Terms(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 1 && !StopWords.Contains(w)).Select(Fold);

    private static string Fold(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal)) return word[..^3];
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)) return word[..^2];
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) return word[..^3] + "y";
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)) return word[..^1];
        return word;
    }

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "about", "as",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had", "can",
        "could", "would", "should", "will", "shall", "may", "might", "must", "i", "me", "my", "mine", "we", "us", "our",
        "you", "your", "yours", "it", "its", "they", "them", "their", "he", "she", "his", "her", "this", "that", "these",
        "those", "what", "which", "who", "whom", "how", "when", "where", "why", "there", "here", "so", "than", "then",
        "too", "very", "just", "also", "any", "some", "all", "no", "not", "yes", "please", "thanks", "thank", "hi",
        "hello", "hey", "get", "got", "im", "i'm", "dont", "don't", "want", "need", "like", "know", "tell", "much", "many",
        "long", "into", "out", "up", "down", "over", "again", "one", "ones", "more", "most", "other", "such", "own",
    ];

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
