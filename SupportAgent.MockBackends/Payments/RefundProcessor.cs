using System.Diagnostics;
using Dapper;
using Npgsql;
using SupportAgent.MockBackends.Http;
using SupportAgent.MockBackends.Persistence;

namespace SupportAgent.MockBackends.Payments;

/// <summary>
/// The payments provider's refund: checks only what a provider knows (the charge and what was refunded of it).
/// Policy (who may get a refund, caps) belongs to the ToolsService.
/// </summary>
public sealed class RefundProcessor(NpgsqlDataSource db)
{
    private const string Scope = "payments.refunds";

    /// <summary>
    /// Two requests with one key serialize on the order's row lock; the second then finds the stored key and replays.
    /// Requests with one key for different orders lock different rows and are separated by the key's primary key.
    /// </summary>
    public async Task<ProviderResponse> RefundAsync(string key, long orderId, long amountCents, string reason, CancellationToken ct)
    {
        // Only the money-moving fields are compared: a retry that words its reason differently is still the same refund.
        var fingerprint = $"refund:{orderId}:{amountCents}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRefundAsync(key, fingerprint, orderId, amountCents, reason, ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                // Another request stored this key first; the next attempt replays or rejects against it.
            }
        }
    }

    /// <summary>The charge's refund history; null when there is no such order.</summary>
    public async Task<ChargeDto?> GetChargeAsync(long orderId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var charge = await connection.QuerySingleOrDefaultAsync<ChargeRow>(new CommandDefinition(
            "SELECT total_cents AS TotalCents, refunded_cents AS RefundedCents FROM orders WHERE id = @orderId", new { orderId }, cancellationToken: ct));
        if (charge is null)
        {
            return null;
        }
        var rows = await connection.QueryAsync<RefundRow>(new CommandDefinition("""
            SELECT id AS Id, order_id AS OrderId, amount_cents AS AmountCents, reason AS Reason, created_at AS CreatedAt
            FROM refunds WHERE order_id = @orderId ORDER BY created_at, id
            """, new { orderId }, cancellationToken: ct));
        return new ChargeDto(orderId, Money.ToDollars(charge.TotalCents), Money.ToDollars(charge.RefundedCents),
            Money.ToDollars(charge.TotalCents - charge.RefundedCents),
            rows.Select(r => new RefundEntryDto(r.Id, Money.ToDollars(r.AmountCents), r.Reason, r.CreatedAt)).ToList());
    }

    private async Task<ProviderResponse> TryRefundAsync(
        string key, string fingerprint, long orderId, long amountCents, string reason, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var charge = await connection.QuerySingleOrDefaultAsync<ChargeRow>(new CommandDefinition(
            "SELECT total_cents AS TotalCents, refunded_cents AS RefundedCents FROM orders WHERE id = @orderId FOR UPDATE",
            new { orderId }, tx, cancellationToken: ct));

        if (await IdempotencyKeys.FindAsync(connection, tx, Scope, key, ct) is { } stored)
        {
            return stored.Fingerprint == fingerprint
                ? new ProviderResponse.Replayed(stored.StatusCode, stored.Response)
                : new ProviderResponse.Failed(StatusCodes.Status409Conflict, "idempotency_key_conflict", "Idempotency key reused.",
                    $"The key '{key}' was first used for {stored.Fingerprint}; this request is {fingerprint}. Use a new key for a different refund.");
        }
        if (charge is null)
        {
            return new ProviderResponse.Failed(StatusCodes.Status404NotFound, "order_not_found", "Not found.", $"There is no charge for order {orderId}.");
        }
        var remaining = charge.TotalCents - charge.RefundedCents;
        if (amountCents > remaining)
        {
            return new ProviderResponse.Failed(StatusCodes.Status422UnprocessableEntity, "amount_exceeds_refundable", "Refund too large.",
                $"Order {orderId} has {Money.ToDollars(remaining):0.00} left to refund; {Money.ToDollars(amountCents):0.00} was requested.");
        }

        var refundId = $"re_{Guid.NewGuid():N}"[..19];
        var created = await connection.QuerySingleAsync<DateTime>(new CommandDefinition(
            "INSERT INTO refunds (id, order_id, amount_cents, reason, trace_id) VALUES (@refundId, @orderId, @amountCents, @reason, @traceId) RETURNING created_at",
            new { refundId, orderId, amountCents, reason, traceId = Activity.Current?.TraceId.ToHexString() }, tx, cancellationToken: ct));
        var status = await connection.QuerySingleAsync<string>(new CommandDefinition("""
            UPDATE orders
            SET refunded_cents = refunded_cents + @amountCents,
                status = CASE WHEN refunded_cents + @amountCents = total_cents THEN 'refunded' ELSE 'partially_refunded' END
            WHERE id = @orderId
            RETURNING status
            """, new { orderId, amountCents }, tx, cancellationToken: ct));

        var refund = new RefundDto(refundId, orderId, Money.ToDollars(amountCents), Money.ToDollars(charge.RefundedCents + amountCents),
            Money.ToDollars(remaining - amountCents), status, reason, created);
        await IdempotencyKeys.SaveAsync(connection, tx, Scope, key, fingerprint, StatusCodes.Status201Created, refund, ct);
        await tx.CommitAsync(ct);
        return new ProviderResponse.Created(refund);
    }
}
