namespace SupportAgent.Api.Models;

/// <summary>Which engine serves a model role.</summary>
public enum ModelProvider
{
    /// <summary>The deterministic local engine: no network, no key (ARCHITECTURE.md §3). The default.</summary>
    Offline,

    /// <summary>Any OpenAI-compatible chat completions endpoint: OpenAI, Azure OpenAI (v1), Ollama, vLLM, llama.cpp.</summary>
    OpenAI,
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

    /// <summary>Support answers must be repeatable, so sampling is greedy unless configured otherwise.</summary>
    public float Temperature { get; set; }

    public long? Seed { get; set; }

    public decimal EffectiveInputPricePerMillion =>
        InputPricePerMillion ?? (Provider == ModelProvider.Offline ? OfflineInputPricePerMillion : 0m);

    public decimal EffectiveOutputPricePerMillion =>
        OutputPricePerMillion ?? (Provider == ModelProvider.Offline ? OfflineOutputPricePerMillion : 0m);

    /// <summary>Configuration section of a role: <c>Models:Router</c>, <c>Models:Agent</c>.</summary>
    public static string SectionOf(string role) => $"{SectionPrefix}:{char.ToUpperInvariant(role[0])}{role[1..]}";

    /// <summary>Aspire connection string name of a role: <c>router-model</c>, <c>agent-model</c>.</summary>
    public static string ConnectionStringNameOf(string role) => $"{role}-model";
}
