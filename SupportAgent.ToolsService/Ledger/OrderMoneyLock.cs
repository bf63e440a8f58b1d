using Npgsql;

namespace SupportAgent.ToolsService.Ledger;

/// <summary>
/// One money action at a time per order, across threads, replicas and processes: a PostgreSQL session advisory lock
/// keyed by the order id, held on a dedicated connection from the policy read to the provider's answer. Without it two
/// conversations could each read the order, each pass the cap, and both be paid (issue 18). If the process dies, its
/// connection closes and the lock goes with it.
/// </summary>
/// <remarks>
/// A session lock rather than a transaction-scoped one: the ledger rows written under it must commit on their own
/// (a pending row has to survive a crash between the provider's payment and the audit), and they are written on this
/// same connection, so a money action needs one connection, never two. As in the Api's ThreadLock, at most three
/// quarters of the pool wait for or hold these locks; the rest stays free for the audit rows.
/// </remarks>
public sealed class OrderMoneyLock(NpgsqlDataSource db)
{
    private readonly SemaphoreSlim _slots = new(SlotsFor(db.ConnectionString));

    public static int SlotsFor(string connectionString)
    {
        var poolSize = new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;
        return Math.Max(1, poolSize - Math.Max(1, poolSize / 4));
    }

    /// <summary>Waits for the order's lock; dispose the scope to release it.</summary>
    public async Task<MoneyLedger> AcquireAsync(long orderId, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await db.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@key, 18))", connection);
            command.Parameters.AddWithValue("key", LockKey(orderId));
            await command.ExecuteNonQueryAsync(ct);
            return new MoneyLedger(connection, () => ReleaseAsync(connection, orderId));
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            _slots.Release();
            throw;
        }
    }

    private static string LockKey(long orderId) => $"money:order:{orderId}";

    private async Task ReleaseAsync(NpgsqlConnection connection, long orderId)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@key, 18))", connection);
            command.Parameters.AddWithValue("key", LockKey(orderId));
            await command.ExecuteScalarAsync();
        }
        finally
        {
            // A broken connection is discarded, and the server dropped its locks with the session.
            await connection.DisposeAsync();
            _slots.Release();
        }
    }
}
