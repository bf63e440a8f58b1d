using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SupportAgent.Tests.Infrastructure.FakeOpenAi;

/// <summary>The OpenAI chat completions wire format: whole completions and the chunks of a stream.</summary>
internal static partial class ChatCompletionJson
{
    private const int ArgumentFragmentLength = 8;

    public static JsonObject Completion(string id, string model, FakeReply reply, int promptTokens, int completionTokens,
        string? reasoning = null, bool usage = true)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text };
        if (reasoning is not null) message["reasoning_content"] = reasoning;
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
        if (usage) completion["usage"] = Usage(promptTokens, completionTokens);
        return completion;
    }

    /// <summary>A completion with no choices at all, which some gateways return when the upstream model failed.</summary>
    public static JsonObject EmptyCompletion(string id, string model)
    {
        var completion = Envelope(id, model, "chat.completion");
        completion["choices"] = new JsonArray();
        return completion;
    }

    /// <summary>An answer the provider's filter stopped: no content, <c>finish_reason: content_filter</c>, Azure's annotations.</summary>
    public static JsonObject FilteredCompletion(string id, string model)
    {
        var completion = Envelope(id, model, "chat.completion");
        completion["prompt_filter_results"] = PromptFilterResults();
        completion["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = null },
            ["finish_reason"] = "content_filter",
            ["content_filter_results"] = FilterResults(filtered: true),
        });
        return completion;
    }

    /// <summary>
    /// The chunks of a filtered stream as Azure OpenAI sends them: prompt annotations with no choices, an annotation
    /// chunk whose choice has no <c>delta</c>, then the finish with <c>content_filter</c>.
    /// </summary>
    public static IEnumerable<JsonObject> FilteredChunks(string id, string model)
    {
        var prompt = Envelope(id, model, "chat.completion.chunk");
        prompt["choices"] = new JsonArray();
        prompt["prompt_filter_results"] = PromptFilterResults();
        yield return prompt;
        yield return Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" });
        var annotation = Envelope(id, model, "chat.completion.chunk");
        annotation["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["finish_reason"] = null,
            ["content_filter_offsets"] = new JsonObject { ["check_offset"] = 0, ["start_offset"] = 0, ["end_offset"] = 0 },
            ["content_filter_results"] = FilterResults(filtered: false),
        });
        yield return annotation;
        var finish = Envelope(id, model, "chat.completion.chunk");
        finish["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = new JsonObject(),
            ["finish_reason"] = "content_filter",
            ["content_filter_results"] = FilterResults(filtered: true),
        });
        yield return finish;
    }

    /// <summary>Chunks whose choices are all empty: a stream that carries no answer.</summary>
    public static IEnumerable<JsonObject> EmptyChunks(string id, string model)
    {
        for (var i = 0; i < 2; i++)
        {
            var chunk = Envelope(id, model, "chat.completion.chunk");
            chunk["choices"] = new JsonArray();
            yield return chunk;
        }
    }

    private static JsonArray PromptFilterResults() => new(new JsonObject
    {
        ["prompt_index"] = 0,
        ["content_filter_results"] = FilterResults(filtered: false),
    });

    private static JsonObject FilterResults(bool filtered) => new()
    {
        ["hate"] = new JsonObject { ["filtered"] = filtered, ["severity"] = filtered ? "high" : "safe" },
        ["self_harm"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
        ["sexual"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
        ["violence"] = new JsonObject { ["filtered"] = false, ["severity"] = "safe" },
    };

    /// <summary>The deltas of a streamed reply, in order, without the final and usage chunks.</summary>
    public static IEnumerable<JsonObject> Deltas(string id, string model, FakeReply reply, string? reasoning = null)
    {
        yield return Chunk(id, model, new JsonObject { ["role"] = "assistant", ["content"] = "" });
        // As DeepSeek and vLLM do: the reasoning streams first, in its own field, before any answer text.
        foreach (var piece in TextPieces(reasoning ?? ""))
            yield return Chunk(id, model, new JsonObject { ["reasoning_content"] = piece });
        foreach (var piece in TextPieces(reply.Text ?? ""))
            yield return Chunk(id, model, new JsonObject { ["content"] = piece });

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
