using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Routing;

/// <summary>
/// The router role's <c>Offline</c> provider: speaks <see cref="IChatClient"/> like a real router model would, so the
/// graph, telemetry and cost accounting treat both providers alike, but the answer comes from a local intent classifier,
/// not a language model. It classifies the last user message and answers <see cref="RouterReply.ToJson"/>.
/// </summary>
public sealed class OfflineRouterChatClient(IIntentClassifier classifier) : IChatClient
{
    public const string ModelId = "offline-router";
    public const string ProviderName = "offline";

    private static readonly ChatClientMetadata metadata = new(ProviderName, providerUri: null, defaultModelId: ModelId);

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (text, usage) = Route(messages);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            ResponseId = NewId(),
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = ChatFinishReason.Stop,
            Usage = usage,
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (text, usage) = Route(messages);
        var responseId = NewId();
        var createdAt = DateTimeOffset.UtcNow;
        // The reply is tiny, so one text update; usage travels in a second update the way OpenAI-style streams send it.
        yield return new ChatResponseUpdate(ChatRole.Assistant, text)
        {
            ModelId = ModelId, ResponseId = responseId, MessageId = responseId, CreatedAt = createdAt,
        };
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage)])
        {
            ModelId = ModelId, ResponseId = responseId, MessageId = responseId, CreatedAt = createdAt,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return metadata;
        if (serviceType == typeof(IIntentClassifier)) return classifier;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The classifier is a shared singleton owned by DI, not by this client.
    }

    private (string Text, UsageDetails Usage) Route(IEnumerable<ChatMessage> messages)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var lastUser = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var prediction = classifier.Predict(CustomerText(lastUser));
        var text = new RouterReply(prediction.Lane, Math.Round(prediction.Confidence, 4)).ToJson();
        return (text, EstimateUsage(list, text));
    }

    /// <summary>The classifier sees only what the customer wrote, not the prompt's tagged context around it.</summary>
    private static string CustomerText(string userMessage)
    {
        const string open = "<customer_message>", close = "</customer_message>";
        var start = userMessage.IndexOf(open, StringComparison.Ordinal);
        var end = userMessage.LastIndexOf(close, StringComparison.Ordinal);
        return start >= 0 && end > start ? userMessage[(start + open.Length)..end].Trim() : userMessage;
    }

    /// <summary>
    /// No tokenizer runs here; ~4 characters per token is the usual estimate for English, good enough for the cost
    /// and token dashboards to show the router's share instead of zero.
    /// </summary>
    public static UsageDetails EstimateUsage(IEnumerable<ChatMessage> input, string output)
    {
        long inputTokens = Math.Max(1, input.Sum(m => (long)(m.Text?.Length ?? 0)) / 4);
        long outputTokens = Math.Max(1, output.Length / 4);
        return new UsageDetails
        {
            InputTokenCount = inputTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = inputTokens + outputTokens,
        };
    }

    private static string NewId() => "router-" + Guid.NewGuid().ToString("N")[..16];
}
