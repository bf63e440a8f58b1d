using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SupportAgent.Tests.Infrastructure.FakeOpenAi;

/// <summary>The OpenAI chat completions wire format: whole completions and the chunks of a stream.</summary>
internal static partial class ChatCompletionJson
{
    private const int ArgumentFragmentLength = 8;

    public static JsonObject Completion(string id, string model, FakeReply reply, int promptTokens, int completionTokens)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (reply.IsToolCall)
        {
            message["tool_calls"] = new JsonArray(reply.ToolCalls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
            }).ToArray());
        }
        var completion = Envelope(id, model, "chat.completion");
        completion["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["finish_reason"] = FinishReason(reply),
        });
        completion["usage"] = Usage(promptTokens, completionTokens);
        return completion;
    }

    /// <summary>The deltas of a streamed reply, in order, without the final and usage chunks.</summary>
    public static IEnumerable<JsonObject> Deltas(string id, string model, FakeReply reply)
    {
        yield return Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" });
        if (!reply.IsToolCall)
        {
            foreach (var piece in TextPieces(reply.Text ?? ""))
                yield return Chunk(id, model, new JsonObject { ["content"] = piece });
            yield break;
        }

        // As OpenAI does: the first delta of each call carries index, id and name; then argument fragments by index.
        for (var index = 0; index < reply.ToolCalls.Count; index++)
        {
            var call = reply.ToolCalls[index];
            yield return Chunk(id, model, ToolDelta(new JsonObject
            {
                ["index"] = index,
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
            }));
            for (var at = 0; at < call.ArgumentsJson.Length; at += ArgumentFragmentLength)
            {
                var fragment = call.ArgumentsJson.Substring(at, Math.Min(ArgumentFragmentLength, call.ArgumentsJson.Length - at));
                yield return Chunk(id, model, ToolDelta(new JsonObject
                {
                    ["index"] = index,
                    ["function"] = new JsonObject { ["arguments"] = fragment },
                }));
            }
        }
    }

    public static JsonObject Final(string id, string model, FakeReply reply) =>
        Chunk(id, model, new JsonObject(), FinishReason(reply));

    public static JsonObject UsageChunk(string id, string model, int promptTokens, int completionTokens)
    {
        var chunk = Envelope(id, model, "chat.completion.chunk");
        chunk["choices"] = new JsonArray();
        chunk["usage"] = Usage(promptTokens, completionTokens);
        return chunk;
    }

    /// <summary>Word-sized pieces, the unit of the fake's tokens-per-second pacing.</summary>
    public static IReadOnlyList<string> TextPieces(string text) =>
        Piece().Matches(text).Select(m => m.Value).ToList();

    public static JsonObject Models(string model) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray(new JsonObject
        {
            ["id"] = model,
            ["object"] = "model",
            ["created"] = 0,
            ["owned_by"] = "fake-openai",
        }),
    };

    private static JsonObject ToolDelta(JsonObject call) => new() { ["tool_calls"] = new JsonArray(call) };

    private static JsonObject Chunk(string id, string model, JsonObject delta, string? finishReason = null)
    {
        var chunk = Envelope(id, model, "chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["finish_reason"] = finishReason,
        });
        return chunk;
    }

    private static JsonObject Envelope(string id, string model, string kind) => new()
    {
        ["id"] = id,
        ["object"] = kind,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
    };

    private static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
    };

    private static string FinishReason(FakeReply reply) => reply.IsToolCall ? "tool_calls" : "stop";

    [GeneratedRegex(@"\s*\S+\s*?(?=\s|$)|\s+$")]
    private static partial Regex Piece();
}
