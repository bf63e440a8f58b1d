namespace SupportAgent.Tests.Infrastructure.FakeOpenAi;

/// <summary>
/// Behaviours of real OpenAI-compatible servers that the fake switches on for every answer while set. All off by
/// default: then the fake behaves like api.openai.com with a plain chat model.
/// </summary>
public sealed class FakeQuirks
{
    /// <summary>Tool call ids <c>call_0</c>, <c>call_1</c>... in every answer, as some local servers number them.</summary>
    public bool NumberToolCallIdsPerResponse { get; set; }

    /// <summary>Reasoning sent in the <c>reasoning_content</c> field (DeepSeek, vLLM's reasoning parser), streamed first.</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>Reasoning written into the answer's text as a leading <c>&lt;think&gt;</c> block (a server without a reasoning parser).</summary>
    public string? ThinkInText { get; set; }

    /// <summary>No usage at all, even when the stream asked for it with <c>stream_options.include_usage</c>.</summary>
    public bool OmitUsage { get; set; }

    /// <summary>Text written before the tool calls of an answer that has none ("Let me check that for you."), as chat models often do.</summary>
    public string? TextBeforeToolCalls { get; set; }

    /// <summary>Every Nth request (counted from the server's start) is refused with 429 and <c>Retry-After</c>; 0 never.</summary>
    public int RateLimitEvery { get; set; }

    /// <summary>The <c>Retry-After</c> seconds of <see cref="RateLimitEvery"/>'s 429s.</summary>
    public int RateLimitRetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Request fields the server refuses with 400 <c>unsupported_parameter</c>, as real models do: a reasoning model
    /// refuses <c>temperature</c>, <c>top_p</c> and <c>max_tokens</c>; an older server refuses <c>max_completion_tokens</c>
    /// or <c>response_format</c>.
    /// </summary>
    public HashSet<string> RejectedFields { get; } = [];

    /// <summary>What an o-series reasoning model refuses.</summary>
    public static readonly string[] ReasoningModelRejects = ["temperature", "top_p", "max_tokens", "seed"];
}

/// <summary>One failed answer of the fake server, used by one request (<see cref="FakeOpenAiServer.FailNext"/>).</summary>
public abstract record FakeFault
{
    /// <summary>An HTTP error with a JSON error body and headers (e.g. <c>Retry-After</c>).</summary>
    public sealed record Status(int Code, string Body, IReadOnlyDictionary<string, string> Headers) : FakeFault;

    /// <summary>Nothing for this long, then the normal answer (a client that gave up has gone by then).</summary>
    public sealed record Stall(TimeSpan Duration) : FakeFault;

    /// <summary>HTTP 200 with <c>"choices": []</c>, or a stream of chunks whose choices are all empty.</summary>
    public sealed record EmptyChoices : FakeFault;

    /// <summary>The answer stopped by the provider's filter: <c>finish_reason: content_filter</c>, Azure's annotations.</summary>
    public sealed record ContentFiltered : FakeFault;

    /// <summary>429 as OpenAI sends it: <c>retry-after-ms</c> when <paramref name="milliseconds"/> is set, else <c>Retry-After</c> seconds.</summary>
    public static FakeFault RateLimited(int? seconds = null, int? milliseconds = null) =>
        new Status(429, Error("Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded"),
            RetryHeaders(seconds, milliseconds));

    public static FakeFault ServerError(int code = 503, int? retryAfterSeconds = null) =>
        new Status(code, Error("The server is overloaded or not ready yet.", "server_error", null), RetryHeaders(retryAfterSeconds, null));

    /// <summary>Azure OpenAI's refusal of a prompt its content filter flagged: 400 with code <c>content_filter</c>.</summary>
    public static FakeFault PromptFiltered() => new Status(400, """
        {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}
        """, new Dictionary<string, string>());

    public static string Error(string message, string? type, string? code, string? param = null) =>
        System.Text.Json.JsonSerializer.Serialize(new { error = new { message, type, param, code } });

    private static Dictionary<string, string> RetryHeaders(int? seconds, int? milliseconds)
    {
        var headers = new Dictionary<string, string>();
        if (seconds is { } s) headers["Retry-After"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (milliseconds is { } ms) headers["retry-after-ms"] = ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return headers;
    }
}
