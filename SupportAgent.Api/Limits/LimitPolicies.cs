namespace SupportAgent.Api.Limits;

/// <summary>Names of the rate-limiting policies registered by <see cref="LimitsExtensions.AddCustomerLimits"/>.</summary>
public static class LimitPolicies
{
    /// <summary>Messages per customer per window, shared by every replica through Redis.</summary>
    public const string CustomerMessages = "customer-messages";

    /// <summary>Threads a customer may start per window, per Api process.</summary>
    public const string CustomerThreads = "customer-threads";

    /// <summary>Live event streams a customer may hold open at once, per Api process.</summary>
    public const string CustomerEventStreams = "customer-event-streams";
}
