namespace SupportAgent.Api.Conversations;

/// <summary>How turns hold their thread, how long they may run, and how turns orphaned by a dead process are finished (<c>Turns</c> section).</summary>
public sealed class TurnOptions
{
    public const string Section = "Turns";

    /// <summary>
    /// How long a thread's lease lasts without renewal. A running turn renews it every third of this, so only a dead
    /// (or cut-off) process lets it run out; then another process may take the thread and finish the turn.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>The longest a turn may run; then it fails with <c>turn_timeout</c> and the thread is free again.</summary>
    public int DeadlineSeconds { get; set; } = 120;

    /// <summary>How often the recovery service looks for turns whose process died (their lease ran out).</summary>
    public int RecoveryIntervalSeconds { get; set; } = 5;

    /// <summary>Orphaned turns finished at once per process: small, so recovery never crowds out customers.</summary>
    public int RecoveryConcurrency { get; set; } = 2;

    /// <summary>On shutdown, how long running turns get to finish before they are left for another process to resume.</summary>
    public int ShutdownGraceSeconds { get; set; } = 10;

    internal TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
    internal TimeSpan Deadline => TimeSpan.FromSeconds(DeadlineSeconds);
}
