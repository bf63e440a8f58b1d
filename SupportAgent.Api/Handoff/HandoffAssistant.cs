using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportAgent.Api.Agents.Prompts;
using SupportAgent.Api.Conversations;
using SupportAgent.Api.Models;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Handoff;

/// <summary>What the console shows beside a handoff: a three-line summary, a drafted reply, the customer's orders.</summary>
public sealed record HandoffAssist(IReadOnlyList<string> Summary, string Draft, IReadOnlyList<JsonElement> Orders, string? OrdersError);

/// <summary>
/// Helps the person who takes a handoff: the summary is built from the stored conversation and audit (no model
/// needed, so it is always there), the draft comes from the agent model (the offline engine drafts from templates),
/// and the orders come through the ToolsService as the customer would see them, audited under the node CONSOLE.
/// </summary>
public sealed class HandoffAssistant(
    ConversationStore conversations,
    [FromKeyedServices(ModelRoles.Agent)] IChatClient agentModel,
    ToolsClient tools,
    ILogger<HandoffAssistant> logger)
{
    public const string ConsoleNode = "CONSOLE";
    private const int QuoteLength = 90;

    public async Task<HandoffAssist> AssistAsync(HandoffRecord handoff, string agentId, IReadOnlyList<ToolCallLine> toolCalls, CancellationToken ct)
    {
        var messages = await conversations.GetMessagesAsync(handoff.ThreadId, ct);
        var summary = Summarize(handoff, messages, toolCalls);
        var draft = await DraftAsync(handoff, agentId, messages, ct);
        var (orders, error) = await OrdersAsync(handoff, ct);
        return new HandoffAssist(summary, draft, orders, error);
    }

    /// <summary>Who wants what, what the bot did, why a person is needed: one line each.</summary>
    public static IReadOnlyList<string> Summarize(HandoffRecord handoff, IReadOnlyList<MessageRecord> messages, IReadOnlyList<ToolCallLine> toolCalls)
    {
        var asked = messages.Where(m => m.Role == MessageRoles.Customer).ToList();
        var first = asked.FirstOrDefault()?.Text ?? "";
        var line1 = $"{handoff.CustomerId} ({handoff.Lane.ToLowerInvariant().Replace('_', ' ')}), {asked.Count} message{(asked.Count == 1 ? "" : "s")}: \u201c{Quote(first)}\u201d";
        var done = toolCalls.Where(c => c.Node != ConsoleNode).Select(c => $"{c.Tool}{(c.OrderId is null ? "" : $" {c.OrderId}")} {c.Outcome ?? "pending"}").Distinct().ToList();
        var line2 = done.Count == 0 ? "Bot: answered without looking anything up." : $"Bot: {string.Join(", ", done.TakeLast(5))}.";
        var last = asked.LastOrDefault()?.Text;
        var line3 = $"Handed over: {handoff.Reason.Replace('_', ' ')}" + (last is null || asked.Count < 2 ? "." : $"; last said \u201c{Quote(last)}\u201d");
        return [line1, line2, line3];
    }

    private async Task<string> DraftAsync(HandoffRecord handoff, string agentId, IReadOnlyList<MessageRecord> messages, CancellationToken ct)
    {
        var agentName = AgentName(agentId);
        List<ChatMessage> prompt = [new(ChatRole.System, DraftPrompt.For(handoff.Reason, agentName))];
        prompt.AddRange(messages.TakeLast(16).Select(m => new ChatMessage(
            m.Role == MessageRoles.Customer ? ChatRole.User : ChatRole.Assistant, m.Text)));
        try
        {
            var response = await agentModel.GetResponseAsync(prompt, new ChatOptions { ToolMode = ChatToolMode.None }, ct);
            if (!string.IsNullOrWhiteSpace(response.Text)) return response.Text.Trim();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A draft is a convenience: the person can always write the reply themselves.
            logger.LogWarning(ex, "Drafting a reply for handoff {Handoff} failed", handoff.Id);
        }
        return $"Hi, this is {agentName} from the support team. I've read your conversation and I'm looking into it now.";
    }

    private async Task<(IReadOnlyList<JsonElement>, string?)> OrdersAsync(HandoffRecord handoff, CancellationToken ct)
    {
        var call = new ToolCallContext(handoff.CustomerId, handoff.ThreadId, $"console-{handoff.Id}", $"orders-{Guid.NewGuid():n}", ConsoleNode);
        var result = await tools.CallAsync(call, "list_orders", "{}", ct);
        if (!result.IsOk || result.Data is not { } data || !data.TryGetProperty("orders", out var orders))
        {
            return ([], result.Message);
        }
        return (orders.EnumerateArray().Select(o => o.Clone()).ToList(), null);
    }

    public static string AgentName(string agentId)
    {
        var name = agentId.StartsWith("agent_", StringComparison.Ordinal) ? agentId[6..] : agentId;
        return name.Length == 0 ? "A colleague" : char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static string Quote(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= QuoteLength ? flat : flat[..(QuoteLength - 1)].TrimEnd() + "\u2026";
    }
}

/// <summary>One audited tool call as the summary needs it.</summary>
public sealed record ToolCallLine(string Tool, string? Node, string? Outcome, string? OrderId);
