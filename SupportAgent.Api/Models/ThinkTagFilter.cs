namespace SupportAgent.Api.Models;

/// <summary>
/// Drops a leading <c>&lt;think&gt;...&lt;/think&gt;</c> block from streamed text. Reasoning models served without a
/// reasoning parser (Ollama, vLLM, llama.cpp with DeepSeek-R1 or Qwen3) write their thinking into the answer itself;
/// a customer must never see it. Reasoning sent in its own field (<c>reasoning_content</c>) arrives as
/// <c>TextReasoningContent</c> and is ignored where the text is read. Feed the chunks of one model answer in order;
/// what comes back is safe to show.
/// </summary>
public sealed class ThinkTagFilter
{
    private const string Open = "<think>";
    private const string Close = "</think>";
    private readonly System.Text.StringBuilder _pending = new();
    private State _state = State.Start;

    private enum State { Start, Thinking, AfterThinking, Passing }

    public string Push(string chunk)
    {
        if (_state == State.Passing) return chunk;
        if (_state == State.AfterThinking)
        {
            // The blank lines that followed the block are not the answer's.
            var rest = chunk.TrimStart();
            if (rest.Length > 0) _state = State.Passing;
            return rest;
        }
        _pending.Append(chunk);
        var text = _pending.ToString();
        if (_state == State.Start)
        {
            var trimmed = text.TrimStart();
            if (trimmed.Length < Open.Length && Open.StartsWith(trimmed, StringComparison.OrdinalIgnoreCase)) return "";
            if (!trimmed.StartsWith(Open, StringComparison.OrdinalIgnoreCase))
            {
                _pending.Clear();
                _state = State.Passing;
                return text;
            }
            _state = State.Thinking;
        }
        var end = text.IndexOf(Close, StringComparison.OrdinalIgnoreCase);
        if (end < 0) return "";
        _pending.Clear();
        _state = State.AfterThinking;
        return Push(text[(end + Close.Length)..]);
    }

    /// <summary>Whatever is held back at the end of the answer: a lone start of the tag is text; an unclosed block is dropped.</summary>
    public string Flush()
    {
        var held = _state == State.Start ? _pending.ToString() : "";
        _pending.Clear();
        return held;
    }
}
