using Microsoft.Extensions.Options;

namespace SupportAgent.Api.Limits;

/// <summary>Refuses to start with limits that would silently turn a limit off or block everyone.</summary>
internal sealed class LimitOptionsValidator : IValidateOptions<LimitOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitOptions options)
    {
        List<string> failures = [];
        if (options.MessagesPerMinute is < 1 or > 100_000)
        {
            failures.Add($"{LimitOptions.SectionName}:MessagesPerMinute must be between 1 and 100000.");
        }
        if (options.WindowSeconds is < 1 or > 86_400)
        {
            failures.Add($"{LimitOptions.SectionName}:WindowSeconds must be between 1 and 86400.");
        }
        if (options.DailySpendCapDollars is < 0m or > 1_000_000m)
        {
            failures.Add($"{LimitOptions.SectionName}:DailySpendCapDollars must be between 0 and 1000000.");
        }
        // Polly's timeout strategy accepts no less than 10 ms.
        if (options.RedisTimeoutMs is < 10 or > 10_000)
        {
            failures.Add($"{LimitOptions.SectionName}:RedisTimeoutMs must be between 10 and 10000.");
        }
        if (options.RedisProbeIntervalSeconds is < 1 or > 300)
        {
            failures.Add($"{LimitOptions.SectionName}:RedisProbeIntervalSeconds must be between 1 and 300.");
        }
        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            failures.Add($"{LimitOptions.SectionName}:KeyPrefix must be non-empty and contain no whitespace.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
