using Npgsql;

namespace SupportAgent.Api.Conversations;

/// <summary>
/// One turn at a time per thread, across every Api replica: a PostgreSQL session advisory lock held for the turn.
/// If the process dies, its connection closes and the lock goes with it, so a crashed turn never blocks the thread.
/// </summary>
public sealed class ThreadLock(NpgsqlDataSource db)
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string threadId, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@id, 7))", connection);
            command.Parameters.AddWithValue("id", threadId);
            if (await command.ExecuteScalarAsync(ct) is true) return new Held(connection, threadId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, string threadId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@id, 7))", connection);
                command.Parameters.AddWithValue("id", threadId);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
