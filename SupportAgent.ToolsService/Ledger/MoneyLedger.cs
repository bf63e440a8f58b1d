using Dapper;
using Npgsql;

namespace SupportAgent.ToolsService.Ledger;

public static class MoneyKinds
{
    public const string Refund = "refund";
    public const string Reship = "reship";
}

public static class MoneyStatuses
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Rejected = "rejected";
    public const string Unconfirmed = "unconfirmed";
}

/// <summary>One row of <c>money_actions</c>.</summary>
public sealed record MoneyAction(
    string IdempotencyKey, string Kind, long OrderId, string CustomerId, long AmountCents, string ProposalId,
    string ThreadId, string CallId, string? ApprovedBy, string Status = MoneyStatuses.Pending, string? ProviderRef = null);

/// <summary>
/// The <c>money_actions</c> ledger, read and written while the order's lock is held (<see cref="OrderMoneyLock"/>);
/// disposing it releases the lock. Each statement commits on its own, so a pending row outlives a crash.
/// </summary>
public sealed class MoneyLedger(NpgsqlConnection connection, Func<Task> release) : IAsyncDisposable
{
    private int _released;

    public Task<MoneyAction?> FindAsync(string idempotencyKey, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MoneyAction>(new CommandDefinition("""
            SELECT idempotency_key AS IdempotencyKey, kind AS Kind, order_id AS OrderId, customer_id AS CustomerId,
                   amount_cents AS AmountCents, proposal_id AS ProposalId, thread_id AS ThreadId, call_id AS CallId,
                   approved_by AS ApprovedBy, status AS Status, provider_ref AS ProviderRef
            FROM money_actions WHERE idempotency_key = @idempotencyKey
            """, new { idempotencyKey }, cancellationToken: ct));

    /// <summary>
    /// Refunds of the order still pending under other keys: left by a process that died with its provider call possibly
    /// still in flight, so the cap counts them until they are settled (a person, or the same proposal retried).
    /// </summary>
    public Task<long> PendingRefundCentsAsync(long orderId, string exceptKey, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COALESCE(sum(amount_cents), 0)::bigint FROM money_actions
            WHERE order_id = @orderId AND kind = 'refund' AND status = 'pending' AND idempotency_key <> @exceptKey
            """, new { orderId, exceptKey }, cancellationToken: ct));

    /// <summary>What the bot refunded the customer on its own (no approver) since midnight UTC, pending included.</summary>
    public Task<long> AutoRefundedTodayCentsAsync(string customerId, string exceptKey, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COALESCE(sum(amount_cents), 0)::bigint FROM money_actions
            WHERE customer_id = @customerId AND kind = 'refund' AND approved_by IS NULL
              AND status IN ('pending', 'done') AND idempotency_key <> @exceptKey
              AND created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
            """, new { customerId, exceptKey }, cancellationToken: ct));

    /// <summary>Records the action as pending before the provider is called (again pending when a rejected key is reused).</summary>
    public Task StartAsync(MoneyAction action, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO money_actions (idempotency_key, kind, order_id, customer_id, amount_cents, proposal_id, thread_id, call_id, approved_by)
            VALUES (@IdempotencyKey, @Kind, @OrderId, @CustomerId, @AmountCents, @ProposalId, @ThreadId, @CallId, @ApprovedBy)
            ON CONFLICT (idempotency_key) DO UPDATE
            SET amount_cents = EXCLUDED.amount_cents, thread_id = EXCLUDED.thread_id, call_id = EXCLUDED.call_id,
                approved_by = EXCLUDED.approved_by, status = 'pending', provider_ref = NULL, created_at = now(), completed_at = NULL
            """, action, cancellationToken: ct));

    /// <summary>The provider's answer. Written even if the caller went away: the money moved (or did not) regardless.</summary>
    public Task CompleteAsync(string idempotencyKey, string status, string? providerRef) =>
        connection.ExecuteAsync(new CommandDefinition("""
            UPDATE money_actions SET status = @status, provider_ref = COALESCE(@providerRef, provider_ref), completed_at = now()
            WHERE idempotency_key = @idempotencyKey
            """, new { idempotencyKey, status, providerRef }));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            await release();
        }
    }
}
