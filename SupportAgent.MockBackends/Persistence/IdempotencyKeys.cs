using System.Text.Json;
using Dapper;
using Npgsql;

namespace SupportAgent.MockBackends.Persistence;

/// <summary>A stored first answer for an Idempotency-Key, and what the request it answered looked like.</summary>
public sealed record StoredResponse(string Fingerprint, int StatusCode, string Response);

/// <summary>
/// The provider side of Idempotency-Key, as real payment providers do it: the first response to a key is stored
/// with a fingerprint of the request, in the same transaction as the effect, so a key either did everything or nothing.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public static Task<StoredResponse?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string scope, string key, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition("""
            SELECT fingerprint AS Fingerprint, status_code AS StatusCode, response AS Response
            FROM idempotency_keys WHERE scope = @scope AND key = @key
            """, new { scope, key }, tx, cancellationToken: ct));

    /// <summary>Throws a unique violation if another request stored the same key first; the caller retries and replays it.</summary>
    public static Task SaveAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction tx, string scope, string key, string fingerprint, int statusCode, T response, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO idempotency_keys (scope, key, fingerprint, status_code, response)
            VALUES (@scope, @key, @fingerprint, @statusCode, @response)
            """, new { scope, key, fingerprint, statusCode, response = JsonSerializer.Serialize(response, JsonSerializerOptions.Web) }, tx, cancellationToken: ct));
}
