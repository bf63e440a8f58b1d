using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// Tool call ids derived from the conversation, so a turn replayed after a crash asks for the same calls with the same
/// ids, and the tool node returns the recorded results instead of executing twice.
/// </summary>
internal static class CallIds
{
    /// <summary>A hash of everything but the system prompt (it carries the clock, which a replay does not share).</summary>
    public static string ConversationHash(string lane, IEnumerable<ChatMessage> messages)
    {
        var text = new StringBuilder(lane).Append('\n');
        foreach (var message in messages.Where(m => m.Role != ChatRole.System))
        {
            text.Append(message.Role.Value).Append(':');
            foreach (var content in message.Contents)
            {
                _ = content switch
                {
                    TextContent t => text.Append(t.Text),
                    FunctionCallContent c => text.Append("call ").Append(c.CallId).Append(' ').Append(c.Name)
                        .Append(JsonSerializer.Serialize(c.Arguments)),
                    // The result of a call id is fixed by the tool node's record, so the id alone identifies it.
                    FunctionResultContent r => text.Append("result ").Append(r.CallId),
                    _ => text,
                };
            }
            text.Append('\n');
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash, 0, 5);
    }

    public static string For(string conversationHash, int index) => $"call_{conversationHash}_{index}";
}
