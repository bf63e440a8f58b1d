using System.Diagnostics;
using Dapper;
using Npgsql;
using SupportAgent.MockBackends.Http;
using SupportAgent.MockBackends.Persistence;

namespace SupportAgent.MockBackends.Shipping;

/// <summary>
/// The carrier's replacement shipment: only for a parcel it reported lost or damaged, at most once per order,
/// idempotent per Idempotency-Key like the payments provider.
/// </summary>
public sealed class ReshipProcessor(NpgsqlDataSource db)
{
    private const string Scope = "shipping.reships";

    public async Task<ProviderResponse> ReshipAsync(string key, long orderId, string reason, CancellationToken ct)
    {
        var fingerprint = $"reship:{orderId}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryReshipAsync(key, fingerprint, orderId, reason, ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                // A concurrent request stored this key first; the next attempt replays or rejects against it.
            }
        }
    }

    private async Task<ProviderResponse> TryReshipAsync(string key, string fingerprint, long orderId, string reason, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var shipment = await connection.QuerySingleOrDefaultAsync<ParcelRow>(new CommandDefinition("""
            SELECT s.status AS Status, o.shipping_method AS ShippingMethod
            FROM shipments s JOIN orders o ON o.id = s.order_id
            WHERE s.order_id = @orderId
            FOR UPDATE OF s
            """, new { orderId }, tx, cancellationToken: ct));

        if (await IdempotencyKeys.FindAsync(connection, tx, Scope, key, ct) is { } stored)
        {
            return stored.Fingerprint == fingerprint
                ? new ProviderResponse.Replayed(stored.StatusCode, stored.Response)
                : new ProviderResponse.Failed(StatusCodes.Status409Conflict, "idempotency_key_conflict", "Idempotency key reused.",
                    $"The key '{key}' was first used for {stored.Fingerprint}; this request is {fingerprint}.");
        }
        if (shipment is not { } parcel)
        {
            return new ProviderResponse.Failed(StatusCodes.Status404NotFound, "shipment_not_found", "Not found.",
                $"Order {orderId} has no shipment with the carrier.");
        }
        var existing = await connection.QuerySingleOrDefaultAsync<ReshipRow>(new CommandDefinition(
            $"SELECT {ShipmentStore.ReshipColumns} FROM reships WHERE order_id = @orderId", new { orderId }, tx, cancellationToken: ct));
        if (existing is not null)
        {
            return new ProviderResponse.Failed(StatusCodes.Status409Conflict, "already_reshipped", "Already reshipped.",
                $"Order {orderId} was already reshipped as {existing.Id} (tracking {existing.TrackingNumber}).");
        }
        if (parcel.Status is not ("lost" or "damaged"))
        {
            return new ProviderResponse.Failed(StatusCodes.Status422UnprocessableEntity, "not_reshippable", "Not reshippable.",
                $"The parcel of order {orderId} is {parcel.Status}; only lost or damaged parcels are reshipped.");
        }

        var method = Persistence.Seed.ShippingMethod.ByName(parcel.ShippingMethod);
        var reshipId = $"rs_{Guid.NewGuid():N}"[..19];
        // One replacement per order, so the order id alone keeps the number unique.
        var tracking = $"{method.TrackingPrefix}R{orderId:D10}";
        var row = await connection.QuerySingleAsync<ReshipRow>(new CommandDefinition($"""
            INSERT INTO reships (id, order_id, carrier, tracking_number, reason, trace_id)
            VALUES (@reshipId, @orderId, @carrier, @tracking, @reason, @traceId)
            RETURNING {ShipmentStore.ReshipColumns}
            """, new { reshipId, orderId, carrier = method.Carrier, tracking, reason, traceId = Activity.Current?.TraceId.ToHexString() }, tx, cancellationToken: ct));

        var reship = row.ToDto();
        await IdempotencyKeys.SaveAsync(connection, tx, Scope, key, fingerprint, StatusCodes.Status201Created, reship, ct);
        await tx.CommitAsync(ct);
        return new ProviderResponse.Created(reship);
    }
}
