using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// Token counts the offline engine reports: an estimate of four characters per token, the usual rule of thumb for
/// English, so cost per ticket has the same order of magnitude as with a hosted model reading the same conversation.
/// </summary>
internal static class Tokens
{
    private const int CharsPerToken = 4;

    public static UsageDetails Usage(IEnumerable<ChatMessage> input, string output)
    {
        var inputTokens = Estimate(input.Sum(Length));
        var outputTokens = Estimate(output.Length);
        return new UsageDetails
        {
            InputTokenCount = inputTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = inputTokens + outputTokens,
        };
    }

    private static long Estimate(int chars) => Math.Max(1, (chars + CharsPerToken - 1) / CharsPerToken);

    private static int Length(ChatMessage message) => message.Contents.Sum(content => content switch
    {
        TextContent t => t.Text.Length,
        FunctionCallContent c => c.Name.Length + JsonSerializer.Serialize(c.Arguments).Length,
        FunctionResultContent r => r.Result switch
        {
            string s => s.Length,
            JsonElement e => e.GetRawText().Length,
            null => 0,
            var other => JsonSerializer.Serialize(other).Length,
        },
        _ => 0,
    });
}
