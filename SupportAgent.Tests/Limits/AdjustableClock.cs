namespace SupportAgent.Tests.Limits;

/// <summary>
/// The system clock plus an offset a test moves forward, so a test can pass the circuit breaker's interval without
/// waiting for it. Timers still run in real time, so Redis command timeouts behave as in production.
/// </summary>
internal sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    private TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public override long GetTimestamp() => base.GetTimestamp() + (long)(Offset.TotalSeconds * TimestampFrequency);
}
