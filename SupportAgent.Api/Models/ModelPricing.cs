using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SupportAgent.Api.Graph;
using SupportAgent.Offline.Routing;

namespace SupportAgent.Api.Models;

/// <summary>Tokens of one model call (or a sum of calls) and what they cost in dollars at the configured prices.</summary>
public sealed record TokenCost(long InputTokens, long OutputTokens, decimal InputCost, decimal OutputCost)
{
    public static readonly TokenCost Zero = new(0, 0, 0m, 0m);

    public decimal Cost => InputCost + OutputCost;

    public TokenCost Add(TokenCost other) => new(
        InputTokens + other.InputTokens, OutputTokens + other.OutputTokens,
        InputCost + other.InputCost, OutputCost + other.OutputCost);

    public TokenUsage ToTokenUsage() => new(InputTokens, OutputTokens, Cost);
}

/// <summary>Turns a model's reported usage into dollars, per role, so cost per ticket is computed, not guessed.</summary>
public sealed class ModelPricing(IOptionsMonitor<ModelOptions> options)
{
    private const decimal PerMillion = 1_000_000m;

    public TokenCost Price(string role, UsageDetails? usage)
    {
        if (role is not (ModelRoles.Router or ModelRoles.Agent))
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown model role.");
        if (usage is null) return TokenCost.Zero;

        var model = options.Get(role);
        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        return new TokenCost(
            input,
            output,
            input * model.EffectiveInputPricePerMillion / PerMillion,
            output * model.EffectiveOutputPricePerMillion / PerMillion);
    }

    /// <summary>
    /// The call's reported usage, or an estimate from the text (about 4 characters a token) when the server reported
    /// none: some OpenAI-compatible servers send no usage in a stream, and a turn must not look free.
    /// </summary>
    public TokenCost Price(string role, UsageDetails? usage, IEnumerable<ChatMessage> input, string output) =>
        Price(role, usage ?? OfflineRouterChatClient.EstimateUsage(input, output));
}
