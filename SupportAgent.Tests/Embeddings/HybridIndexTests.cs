using SupportAgent.Embeddings;
using Xunit.Abstractions;

namespace SupportAgent.Tests.Embeddings;

/// <summary>
/// The help-center retrieval (BM25 + MiniLM) over the real articles: questions in customers' words find the article
/// that answers them, and questions the help center does not answer find nothing above the floor.
/// </summary>
public sealed class HybridIndexTests(ITestOutputHelper output)
{
    /// <summary>The floor MockBackends uses (Docs/DocsSearch.cs).</summary>
    public const double Floor = 0.39;

    private static readonly Lazy<HybridIndex> Index = new(() => new HybridIndex(Passages(), SentenceEmbedder.Shared));

    [Theory]
    [InlineData("how many days do I have to send something back?", "returns-policy")]
    [InlineData("the courier says it was dropped off but there's nothing at my door", "delivered-not-received")]
    [InlineData("can I put my company's VAT number on the bill", "invoices-and-receipts")]
    [InlineData("is there a fee if I want to mail an item back to you", "return-shipping-costs")]
    [InlineData("how do I look after my cast iron pan", "cast-iron-care")]
    [InlineData("I forgot my login password", "password-reset")]
    [InlineData("when does my money come back after a return", "refund-timing")]
    [InlineData("can you ship to a PO box", "po-boxes-and-military-addresses")]
    [InlineData("will I have to pay import charges in Germany", "customs-and-duties")]
    [InlineData("my kettle stopped working after 4 months, is that covered", "electronics-warranty")]
    public void A_question_finds_the_article_that_answers_it(string question, string article)
    {
        output.WriteLine(Index.Value.Corrected(question));
        var hits = Index.Value.Search(question, 3, Floor);
        foreach (var hit in Index.Value.Search(question, 3))
            output.WriteLine($"{hit.Passage.DocumentId}: {hit.Score:F3} (kw {hit.Keyword:F3}, sem {hit.Semantic:F3})");

        Assert.NotEmpty(hits);
        Assert.Contains(article, hits.Take(2).Select(h => h.Passage.DocumentId));
    }

    /// <summary>Misspelled words are read as the help center's own words, for keywords and embeddings alike.</summary>
    [Theory]
    [InlineData("wats ur retrun polcy", "return policy")]
    [InlineData("how long do refnuds take", "refunds")]
    [InlineData("warrenty on electronics", "warranty")]
    public void Typos_are_corrected_to_the_articles_words(string question, string expected)
    {
        Assert.Contains(expected, Index.Value.Corrected(question));
        Assert.Equal("returns-policy", Index.Value.Search("wats ur retrun polcy", 1, Floor).Single().Passage.DocumentId);
    }

    [Theory]
    [InlineData("do you sell second-hand cars?")]
    [InlineData("what time does your shop in Chicago open on Sundays")]
    [InlineData("can you recommend a good pizza place")]
    [InlineData("do you offer a student discount on furniture rental")]
    [InlineData("can I book a cooking class with your chefs")]
    public void A_question_the_help_center_does_not_answer_finds_nothing(string question)
    {
        output.WriteLine(Index.Value.Corrected(question));
        foreach (var hit in Index.Value.Search(question, 3))
            output.WriteLine($"{hit.Passage.DocumentId}: {hit.Score:F3} (kw {hit.Keyword:F3}, sem {hit.Semantic:F3})");

        Assert.Empty(Index.Value.Search(question, 3, Floor));
    }

    private static List<IndexedPassage> Passages()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SupportAgent.sln"))) dir = dir.Parent;
        var articles = Path.Combine(dir!.FullName, "SupportAgent.MockBackends", "Docs", "Articles");
        var passages = new List<IndexedPassage>();
        foreach (var file in Directory.GetFiles(articles, "*.md"))
        {
            foreach (var block in File.ReadAllText(file).ReplaceLineEndings("\n").Split("=== ", StringSplitOptions.RemoveEmptyEntries))
            {
                var lines = block.Split('\n');
                var title = lines[1]["title:".Length..].Trim();
                foreach (var paragraph in string.Join('\n', lines.Skip(3)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    passages.Add(new IndexedPassage(lines[0].Trim(), title, paragraph.Replace('\n', ' ')));
            }
        }
        return passages;
    }
}
