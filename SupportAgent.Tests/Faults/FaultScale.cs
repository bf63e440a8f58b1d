namespace SupportAgent.Tests.Faults;

/// <summary>
/// How big the fault suite runs. The normal test run uses the reduced size (a few minutes on 2 cores);
/// <c>FAULTS_SCALE=full</c> (what <c>scripts/faults.sh</c> sets) runs the sizes RELIABILITY.md reports.
/// </summary>
public static class FaultScale
{
    public static bool Full { get; } =
        string.Equals(Environment.GetEnvironmentVariable("FAULTS_SCALE"), "full", StringComparison.OrdinalIgnoreCase);

    public static string Name => Full ? "full" : "reduced";

    /// <summary>Refund turns cut off by a SIGKILL of the Api.</summary>
    public static int CrashTurns => Full ? 200 : 12;

    /// <summary>Refund turns in flight when one kill lands.</summary>
    public static int CrashBatch => Full ? 8 : 3;

    /// <summary>Refund turns left running by a SIGKILL and never retried by the client (recovery finishes them), and the kills.</summary>
    public static int OrphanTurns => Full ? 40 : 6;
    public static int OrphanKills => Full ? 5 : 1;

    /// <summary>Customers sending messages while PostgreSQL restarts; each sends this many turns.</summary>
    public static int LoadCustomers => Full ? 8 : 4;
    public static int PostgresRestarts => Full ? 3 : 1;

    /// <summary>Repeats of each race (same message twice, two refunds of one order, two agents on one handoff).</summary>
    public static int Races => Full ? 25 : 4;

    /// <summary>Cap races at the ToolsService: two conversations refunding one order at once, each under the cap, together above.</summary>
    public static int CapRaces => Full ? 240 : 40;

    /// <summary>Refunds attempted while the payments provider fails half its requests.</summary>
    public static int FlakyRefunds => Full ? 15 : 4;

    /// <summary>Extra random fuzz messages on top of the generated hostile cases.</summary>
    public static int RandomFuzz => Full ? 400 : 40;

    /// <summary>Random for the sizes of this run; the seed goes into the figures so a run can be repeated.</summary>
    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("FAULTS_SEED"), out var seed) ? seed : Environment.TickCount & 0x7fffffff;
}
