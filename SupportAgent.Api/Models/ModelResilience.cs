using System.Globalization;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SupportAgent.Api.Models;

/// <summary>
/// The model endpoints' HttpClient policy (the standard resilience handler, tuned per role): a rate limit (429), a
/// server error (5xx), a timeout or a lost connection is retried a bounded number of times, waiting what the server
/// asks (<c>retry-after-ms</c>, as OpenAI and Azure send it, else <c>Retry-After</c>); a server that asks for a longer
/// wait than <see cref="ModelOptions.MaxRetryAfterSeconds"/> is not retried. What still fails reaches the graph, which
/// hands the conversation to a person (the router falls back to the local classifier). The OpenAI SDK's own retries
/// are off, so this is the only retry layer.
/// </summary>
public static class ModelResilience
{
    public static string HttpClientName(string role) => $"model-{role}";

    public static void Configure(HttpStandardResilienceOptions options, ModelOptions model)
    {
        var retries = model.MaxRetries;
        options.AttemptTimeout.Timeout = model.AttemptTimeout;
        options.Retry.MaxRetryAttempts = Math.Max(1, retries);
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        // The header is read below, with the millisecond variant first; the built-in reader only knows Retry-After.
        options.Retry.ShouldRetryAfterHeader = false;
        var transient = options.Retry.ShouldHandle;
        options.Retry.ShouldHandle = async args =>
            retries > 0 && await transient(args)
            && (RetryAfter(args.Outcome.Result) is not { } wait || wait <= model.MaxRetryAfter);
        options.Retry.DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result));

        // Every attempt and every permitted wait fit in the whole-request budget; the turn's own deadline still applies.
        options.TotalRequestTimeout.Timeout = model.RequestBudget;
        var sampling = model.AttemptTimeout * 2;
        options.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
        // A 429 is the provider pacing us, and the retry above waits what it asks: it says nothing about the provider
        // being down. Counted by the breaker (10% of 100 attempts by default), a provider that rate-limits one request
        // in nine opened the circuit and every customer's turn in the next seconds went to a person (issue 17.5's
        // quirk-mode eval). Server errors, timeouts and lost connections still open it.
        var breaks = options.CircuitBreaker.ShouldHandle;
        options.CircuitBreaker.ShouldHandle = async args =>
            args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests && await breaks(args);
    }

    /// <summary>The wait a response asks for: <c>retry-after-ms</c>, then <c>Retry-After</c> (seconds or a date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response is null) return null;
        if (response.Headers.TryGetValues("retry-after-ms", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
            _ => null,
        };
    }
}
