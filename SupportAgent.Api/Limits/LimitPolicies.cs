namespace SupportAgent.Api.Limits;

/// <summary>Names of the rate-limiting policies registered by <see cref="LimitsExtensions.AddCustomerLimits"/>.</summary>
public static class LimitPolicies
{
    /// <summary>Messages per customer per window, shared by every replica through Redis.</summary>
    public const string CustomerMessages = "customer-messages";
}
