using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// The deterministic local engine behind the specialists (provider <c>Offline</c>). It reads the lane from the system
/// prompt, applies that lane's policy to the conversation and answers through the same protocol as a model: either
/// function calls for the graph's tool node to execute, or the reply text. No network, no randomness.
/// </summary>
public sealed partial class OfflineAgentChatClient : IChatClient
{
    public const string ModelId = "offline-agent";
    private const int WordsPerChunk = 3;

    private static readonly IReadOnlyDictionary<string, ILanePolicy> Policies = new Dictionary<string, ILanePolicy>
    {
        [Lanes.Refund] = new RefundPolicy(),
        [Lanes.Shipping] = new ShippingPolicy(),
        [Lanes.OrderLookup] = new OrderLookupPolicy(),
        [Lanes.General] = new GeneralPolicy(),
    };

    private static readonly ChatClientMetadata Metadata = new("offline", null, ModelId);

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var step = Decide(messages, options);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, step.Contents) { MessageId = step.Id })
        {
            ResponseId = step.Id,
            ModelId = ModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = step.FinishReason,
            Usage = step.Usage,
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var step = Decide(messages, options);
        // Function calls arrive as one update, text in chunks of a few words so the reply streams in the UI.
        var parts = step.Contents is [TextContent text]
            ? Chunks(text.Text).Select(chunk => (IList<AIContent>)[new TextContent(chunk)])
            : [step.Contents];
        foreach (var part in parts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Update(step, part);
            await Task.Yield();
        }
        var last = Update(step, [new UsageContent(step.Usage)]);
        last.FinishReason = step.FinishReason;
        yield return last;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() { }

    private static Step Decide(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        if (DraftTag.Read(list) is { } draft)
        {
            var text = Drafting.HandoffDraft.Write(list, draft.Reason, draft.Agent);
            return new Step($"offline_draft_{CallIds.ConversationHash("DRAFT", list)}", [new TextContent(text)],
                ChatFinishReason.Stop, Tokens.Usage(list, text));
        }
        var lane = Lanes.Normalize(LaneTag.Read(list));
        // ToolMode None means "answer now" (e.g. the graph's tool-call limit was reached): no tool is on offer.
        var tools = options?.ToolMode is NoneChatToolMode
            ? []
            : (options?.Tools ?? []).OfType<AIFunctionDeclaration>().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var context = new LaneContext(ConversationFacts.From(list), tools);
        var decision = Policies[lane].Decide(context);
        decision = SharedRules.Soothe(Guard(decision, context), context);

        var hash = CallIds.ConversationHash(lane, list);
        // Text before calls is said first ("I can't change the address here ...", then the handoff), as a model would.
        List<AIContent> contents = decision.Calls.Count > 0
            ? [
                .. decision.Text is { Length: > 0 } preface ? [new TextContent(preface)] : Array.Empty<AIContent>(),
                .. decision.Calls.Select((call, i) => (AIContent)new FunctionCallContent(CallIds.For(hash, i), call.Name, call.Arguments)),
            ]
            : [new TextContent(decision.Text ?? "")];
        var output = decision.Calls.Count > 0 ? JsonSerializer.Serialize(decision.Calls) : decision.Text ?? "";
        var usage = Tokens.Usage(list, output);
        return new Step($"offline_{hash}", contents,
            decision.Calls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop, usage);
    }

    /// <summary>
    /// Safety nets under every policy: never call a tool the lane was not offered, and never repeat a call this turn
    /// already made (a policy bug must end in a reply, not in a loop to the graph's tool-call limit).
    /// </summary>
    private static AgentDecision Guard(AgentDecision decision, LaneContext context)
    {
        if (decision.Calls.Any(c => !context.Offers(c.Name)))
            return AgentDecision.Say("That isn't something I can do from here, I'm sorry. Is there anything else I can help you with?");
        var repeated = decision.Calls
            .Select(c => context.Facts.TurnResults.LastOrDefault(r => r.Tool == c.Name && SameArguments(r.Arguments, c.Arguments)))
            .FirstOrDefault(r => r is not null);
        return repeated is null ? decision : AgentDecision.Say(repeated.Result.Message);
    }

    private static bool SameArguments(IDictionary<string, object?> a, IDictionary<string, object?> b) =>
        JsonSerializer.Serialize(a.OrderBy(p => p.Key)) == JsonSerializer.Serialize(b.OrderBy(p => p.Key));

    private static ChatResponseUpdate Update(Step step, IList<AIContent> contents) => new(ChatRole.Assistant, contents)
    {
        ResponseId = step.Id,
        MessageId = step.Id,
        ModelId = ModelId,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static IEnumerable<string> Chunks(string text)
    {
        var words = WordWithSpace().Matches(text).Select(m => m.Value).ToList();
        for (var i = 0; i < words.Count; i += WordsPerChunk)
            yield return string.Concat(words.Skip(i).Take(WordsPerChunk));
    }

    [GeneratedRegex(@"\S+\s*|\s+")]
    private static partial Regex WordWithSpace();

    private sealed record Step(string Id, IList<AIContent> Contents, ChatFinishReason FinishReason, UsageDetails Usage);
}
