using Npgsql;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// One turn at a time per thread, across every Api replica: a PostgreSQL session advisory lock held for the turn.
/// If the process dies, its connection closes and the lock goes with it, so a crashed turn never blocks the thread.
/// </summary>
/// <remarks>
/// Each running turn keeps one pooled connection for its lock, and its own work (messages, checkpoints) needs more
/// from the same pool. Unbounded, a burst of turns as large as the pool takes every connection for locks and then
/// waits for a connection that never frees: each turn fails at the pool timeout (seen at 200 concurrent
/// conversations, BENCHMARKS.md). So at most three quarters of the pool hold locks; later turns wait for a slot
/// here, holding nothing, and start as earlier ones finish.
/// </remarks>
public sealed class ThreadLock(NpgsqlDataSource db)
{
    private readonly SemaphoreSlim _slots = new(SlotsFor(db.ConnectionString));

    /// <summary>How many turns may hold a lock at once: the pool size less a quarter kept for the turns' own work.</summary>
    public static int SlotsFor(string connectionString)
    {
        var poolSize = new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;
        return Math.Max(1, poolSize - Math.Max(1, poolSize / 4));
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string threadId, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await db.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@id, 7))", connection);
            command.Parameters.AddWithValue("id", threadId);
            if (await command.ExecuteScalarAsync(ct) is true) return new Held(connection, threadId, _slots);
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            _slots.Release();
            throw;
        }
        await connection.DisposeAsync();
        _slots.Release();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, string threadId, SemaphoreSlim slots) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@id, 7))", connection);
                command.Parameters.AddWithValue("id", threadId);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
                slots.Release();
            }
        }
    }
}
