namespace SupportAgent.ToolsService.Backends;

/// <summary>
/// A backend failed after the resilience handler's retries (5xx, timeout, open circuit). Tools turn it into outcome
/// <c>error</c> with <see cref="CustomerMessage"/>, never into an HTTP 500.
/// </summary>
public sealed class BackendUnavailableException(string backend, string detail, Exception? inner = null)
    : Exception($"The {backend} backend is unavailable: {detail}", inner)
{
    public string Backend { get; } = backend;

    public string CustomerMessage => Backend switch
    {
        BackendNames.Payments =>
            "Our payments system isn't responding right now, so I couldn't confirm the refund. Trying again is safe: it will never refund twice.",
        BackendNames.Shipping =>
            "The carrier's system isn't responding right now, so I can't check or change that shipment. Please try again in a few minutes.",
        BackendNames.Docs => "Our help center search isn't responding right now. Please try again in a few minutes.",
        _ => "Our order system isn't responding right now, so I can't look that up. Please try again in a few minutes.",
    };
}

public static class BackendNames
{
    public const string Orders = "orders";
    public const string Payments = "payments";
    public const string Shipping = "shipping";
    public const string Docs = "docs";
}
