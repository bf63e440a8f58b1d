using Microsoft.Extensions.AI;
using SupportAgent.Api.Routing;

namespace SupportAgent.Api.Models;

/// <summary>
/// The offline router as an <see cref="IChatClient"/>: the last user message goes through the intent classifier and the
/// answer is the same <see cref="RouterReply"/> JSON a real router model is asked for, so the graph has one code path.
/// </summary>
/// <remarks>
/// A minimal stand-in so the Models wiring works on its own; the Routing folder's <c>OfflineRouterChatClient</c> is the
/// full implementation and replaces it in <see cref="SupportModelsExtensions.DefaultOfflineRouter"/>.
/// </remarks>
internal sealed class ClassifierRouterChatClient(IIntentClassifier classifier) : IChatClient
{
    public const string ModelId = "offline-router";

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var text = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var prediction = classifier.Predict(text);
        var reply = new RouterReply(prediction.Lane, prediction.Confidence).ToJson();
        var input = list.Sum(m => m.Text.Length) / 4 + 1;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = reply.Length / 4 + 1, TotalTokenCount = input + reply.Length / 4 + 1 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
            yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
