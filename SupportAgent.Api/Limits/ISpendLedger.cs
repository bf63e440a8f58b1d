namespace SupportAgent.Api.Limits;

/// <summary>Model spend per customer per UTC day, checked before a turn and recorded after it.</summary>
public interface ISpendLedger
{
    /// <summary>Whether the customer is still under today's cap.</summary>
    Task<SpendCheck> CheckAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Adds what a turn cost (in dollars, at least 0) to the customer's UTC day.</summary>
    Task RecordAsync(string customerId, decimal dollars, CancellationToken cancellationToken);
}

/// <summary>
/// The answer of <see cref="ISpendLedger.CheckAsync"/>. <paramref name="RetryAfter"/> is the time until the next
/// UTC midnight when the cap is reached, zero while allowed.
/// </summary>
public readonly record struct SpendCheck(bool Allowed, decimal Spent, decimal Cap, TimeSpan RetryAfter);
