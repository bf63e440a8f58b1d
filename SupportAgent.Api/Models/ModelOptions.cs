namespace SupportAgent.Api.Models;

/// <summary>Which engine serves a model role.</summary>
public enum ModelProvider
{
    /// <summary>The deterministic local engine: no network, no key (ARCHITECTURE.md §3). The default.</summary>
    Offline,

    /// <summary>Any OpenAI-compatible chat completions endpoint: OpenAI, Azure OpenAI (v1), Ollama, vLLM, llama.cpp.</summary>
    OpenAI,
}

/// <summary>Which request field carries the output token limit: servers accept one or the other.</summary>
public enum TokenLimitField
{
    /// <summary><c>max_completion_tokens</c>: OpenAI and Azure OpenAI v1; the only one reasoning models accept.</summary>
    MaxCompletionTokens,

    /// <summary><c>max_tokens</c>: older OpenAI-compatible servers that do not know <c>max_completion_tokens</c>.</summary>
    MaxTokens,
}

/// <summary>How the router model is asked to shape its answer (router role only).</summary>
public enum RouterResponseFormat
{
    /// <summary>Structured output: <c>response_format</c> json_schema with the lane as an enum. OpenAI, Azure, Ollama, vLLM.</summary>
    JsonSchema,

    /// <summary>JSON mode (<c>response_format</c> json_object), for servers with JSON mode but no schemas.</summary>
    Json,

    /// <summary>No <c>response_format</c>: the prompt asks for JSON and the text is parsed, for servers that reject it.</summary>
    Text,
}

/// <summary>
/// One model role's configuration, bound from <c>Models:Router</c> or <c>Models:Agent</c> (named options, the name is
/// the role) and overridden by the connection string <c>ConnectionStrings:router-model</c> / <c>agent-model</c>.
/// </summary>
/// <remarks>
/// Prices are dollars per million tokens. They are left unset (null) unless configured so that the effective price can
/// depend on the provider: the offline engine is given a nominal <see cref="OfflineInputPricePerMillion"/> /
/// <see cref="OfflineOutputPricePerMillion"/> so that cost per ticket is a visible, comparable figure even without a
/// paid model; an OpenAI-compatible endpoint with no configured price costs 0 (a local Ollama is free; a paid one must
/// be priced in configuration).
/// Sampling and token settings are unset by default and then not sent at all: reasoning models reject a temperature,
/// a seed or a small token limit, and every model has usable defaults. Set <c>Temperature=0</c> for a model that
/// accepts it to make answers repeatable.
/// </remarks>
public sealed class ModelOptions
{
    public const string SectionPrefix = "Models";
    public const decimal OfflineInputPricePerMillion = 0.10m;
    public const decimal OfflineOutputPricePerMillion = 0.40m;

    public ModelProvider Provider { get; set; } = ModelProvider.Offline;

    /// <summary>Model (or Azure deployment) name. Offline: informational, defaults per role.</summary>
    public string? Model { get; set; }

    /// <summary>Base address of the OpenAI-compatible API, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public decimal? InputPricePerMillion { get; set; }

    public decimal? OutputPricePerMillion { get; set; }

    /// <summary>Sent only when set (0 to 2).</summary>
    public float? Temperature { get; set; }

    /// <summary>Sent only when set (0 to 1).</summary>
    public float? TopP { get; set; }

    /// <summary>Sent only when set.</summary>
    public long? Seed { get; set; }

    /// <summary>Output token limit, sent only when set, in the field <see cref="TokenLimitField"/> names.</summary>
    public int? MaxOutputTokens { get; set; }

    public TokenLimitField TokenLimitField { get; set; } = TokenLimitField.MaxCompletionTokens;

    /// <summary>
    /// Retries of a model call that failed with 408, 429, 5xx, a timeout or a lost connection, each after the server's
    /// <c>retry-after-ms</c> / <c>Retry-After</c> when it sends one (else a short exponential backoff).
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>How long one attempt may wait for the server to start answering, and a stream between two chunks.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>A server that asks to wait longer than this is not retried: the turn falls back or hands over at once.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 20;

    /// <summary>Router role only: how the router model's answer is shaped (structured output unless the server lacks it).</summary>
    public RouterResponseFormat ResponseFormat { get; set; } = RouterResponseFormat.JsonSchema;

    /// <summary>
    /// Router role only, provider OpenAI: the local classifier routes first, and the router model is asked only when the
    /// classifier's (calibrated) confidence is below this. 0 never asks the model; above 1 always does.
    /// </summary>
    public double AskModelBelow { get; set; } = 0.8;

    public decimal EffectiveInputPricePerMillion =>
        InputPricePerMillion ?? (Provider == ModelProvider.Offline ? OfflineInputPricePerMillion : 0m);

    public decimal EffectiveOutputPricePerMillion =>
        OutputPricePerMillion ?? (Provider == ModelProvider.Offline ? OfflineOutputPricePerMillion : 0m);

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(AttemptTimeoutSeconds);

    public TimeSpan MaxRetryAfter => TimeSpan.FromSeconds(MaxRetryAfterSeconds);

    /// <summary>The most one call may take before its answer starts: every attempt and every permitted wait.</summary>
    public TimeSpan RequestBudget => AttemptTimeout * (MaxRetries + 1) + MaxRetryAfter * MaxRetries + TimeSpan.FromSeconds(10);

    /// <summary>Configuration section of a role: <c>Models:Router</c>, <c>Models:Agent</c>.</summary>
    public static string SectionOf(string role) => $"{SectionPrefix}:{char.ToUpperInvariant(role[0])}{role[1..]}";

    /// <summary>Aspire connection string name of a role: <c>router-model</c>, <c>agent-model</c>.</summary>
    public static string ConnectionStringNameOf(string role) => $"{role}-model";
}
