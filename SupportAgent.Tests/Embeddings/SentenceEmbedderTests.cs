using SupportAgent.Embeddings;

namespace SupportAgent.Tests.Embeddings;

public sealed class SentenceEmbedderTests
{
    [Fact]
    public void Embeddings_are_unit_vectors_that_place_paraphrases_together()
    {
        var embedder = SentenceEmbedder.Shared;
        var parcel = embedder.Embed("where is my parcel?");
        var vectors = embedder.Embed(["my package still hasn't arrived", "I would like my money back", "how do I reset my password"]);

        Assert.Equal(SentenceEmbedder.Dimensions, parcel.Length);
        Assert.Equal(1.0, SentenceEmbedder.Similarity(parcel, parcel), 3);
        var (delivery, refund, password) = (SentenceEmbedder.Similarity(parcel, vectors[0]),
            SentenceEmbedder.Similarity(parcel, vectors[1]), SentenceEmbedder.Similarity(parcel, vectors[2]));
        Assert.True(delivery > refund && delivery > password, $"delivery {delivery}, refund {refund}, password {password}");
    }
}
