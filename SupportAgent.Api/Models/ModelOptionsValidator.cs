using Microsoft.Extensions.Options;

namespace SupportAgent.Api.Models;

/// <summary>Fails start-up (ValidateOnStart) on a configuration that could only fail later, on a customer's message.</summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var errors = new List<string>();
        var section = name is { Length: > 0 } ? ModelOptions.SectionOf(name) : ModelOptions.SectionPrefix;

        if (options.Provider == ModelProvider.OpenAI)
        {
            if (options.Endpoint is null && string.IsNullOrWhiteSpace(options.ApiKey))
                errors.Add($"{section}: provider OpenAI needs an Endpoint or an ApiKey (or ConnectionStrings:{name}-model).");
            if (string.IsNullOrWhiteSpace(options.Model))
                errors.Add($"{section}: provider OpenAI needs a Model.");
            if (options.Endpoint is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
                errors.Add($"{section}: Endpoint must be an absolute http(s) address.");
        }

        if (options.InputPricePerMillion < 0 || options.OutputPricePerMillion < 0)
            errors.Add($"{section}: prices cannot be negative.");
        if (options.Temperature is < 0 or > 2)
            errors.Add($"{section}: Temperature must be between 0 and 2.");
        if (options.TopP is < 0 or > 1)
            errors.Add($"{section}: TopP must be between 0 and 1.");
        if (options.MaxOutputTokens is < 1)
            errors.Add($"{section}: MaxOutputTokens must be positive (or unset).");
        if (options.MaxRetries is < 0 or > 10)
            errors.Add($"{section}: MaxRetries must be between 0 and 10.");
        if (options.AttemptTimeoutSeconds is < 1 or > 600)
            errors.Add($"{section}: AttemptTimeoutSeconds must be between 1 and 600.");
        if (options.MaxRetryAfterSeconds < 0)
            errors.Add($"{section}: MaxRetryAfterSeconds cannot be negative.");
        if (options.AskModelBelow < 0)
            errors.Add($"{section}: AskModelBelow cannot be negative.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
