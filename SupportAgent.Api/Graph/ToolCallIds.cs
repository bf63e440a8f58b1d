using System.Security.Cryptography;
using System.Text;

namespace SupportAgent.Api.Graph;

/// <summary>
/// The graph's id of a tool call: the model's id qualified by the specialist's step in the turn and the call's place
/// in the step. Some servers number calls <c>call_0</c>, <c>call_1</c> in every response, or give none, so the model's
/// id alone repeats within a turn, and the audit and tool ledger (keyed by turn and call id) would hand the second
/// call the first one's recorded result. Keeping the model's id means a turn run again after a crash reuses the same
/// ids when the model repeats itself (the offline engine does), and gets fresh ones when it does not. This id is also
/// what the model sees in the conversation, so its calls and results still pair up.
/// </summary>
public static class ToolCallIds
{
    /// <summary>OpenAI refuses longer tool call ids in a request.</summary>
    public const int MaxLength = 40;

    public static string For(int step, int index, string? modelCallId)
    {
        var prefix = $"s{step}_{index}";
        if (string.IsNullOrWhiteSpace(modelCallId)) return prefix;
        var id = $"{prefix}_{modelCallId}";
        return id.Length <= MaxLength
            ? id
            : $"{prefix}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelCallId)))[..(MaxLength - prefix.Length - 1)]}";
    }
}
