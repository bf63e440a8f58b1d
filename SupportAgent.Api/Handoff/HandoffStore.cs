using System.Text.Json;
using Dapper;
using Npgsql;

namespace SupportAgent.Api.Handoff;

public static class HandoffStatuses
{
    public const string Open = "open";
    public const string Claimed = "claimed";
    public const string Resolved = "resolved";
    public const string Returned = "returned";
    public const string Approved = "approved";
    public const string Denied = "denied";

    /// <summary>A handoff in one of these is over: nothing more can be done with it.</summary>
    public static bool IsClosed(string status) => status is Resolved or Returned or Approved or Denied;
}

public sealed record HandoffRecord(
    string Id, string ThreadId, string CustomerId, string Status, string Reason, string Lane, string Summary, int Priority,
    DateTime CreatedAt, string? ClaimedBy, DateTime? ClaimedAt, DateTime? ClosedAt, string? Note, string? ProposalJson)
{
    /// <summary>The decision this handoff asks a person for, when policy needed one (a refund above the cap).</summary>
    public HandoffProposal? Proposal =>
        ProposalJson is null ? null : JsonSerializer.Deserialize<HandoffProposal>(ProposalJson, JsonSerializerOptions.Web);

    /// <summary>
    /// How long the customer waited for a person: until the claim, or until the handoff was closed without one, or
    /// until now while it is still open. A closed handoff's wait no longer grows.
    /// </summary>
    public double WaitingSeconds => Math.Max(0, ((ClaimedAt ?? ClosedAt ?? DateTime.UtcNow) - CreatedAt).TotalSeconds);
}

/// <summary>The human queue. Claims are single SQL updates guarded by the status, so exactly one agent wins a race.</summary>
public sealed class HandoffStore(NpgsqlDataSource db)
{
    private const string Columns =
        "h.id, h.thread_id, t.customer_id, h.status, h.reason, h.lane, h.summary, h.priority, h.created_at, h.claimed_by, h.claimed_at, h.closed_at, h.note, " +
        "h.proposal::text AS proposal_json";

    /// <summary>Opens the thread's handoff, or returns the one already open (one open handoff per thread).</summary>
    /// <param name="proposal">The action a person must approve or deny, if policy needed one.</param>
    public async Task<HandoffRecord> OpenAsync(
        string threadId, string reason, string lane, string summary, int priority, HandoffProposal? proposal, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO handoffs (id, thread_id, reason, lane, summary, priority, proposal)
            VALUES (@id, @threadId, @reason, @lane, @summary, @priority, @proposal::jsonb)
            ON CONFLICT (thread_id) WHERE status IN ('open', 'claimed') DO NOTHING
            """,
            new
            {
                id = $"ho_{Guid.NewGuid():n}", threadId, reason, lane, summary, priority,
                proposal = proposal is null ? null : JsonSerializer.Serialize(proposal, JsonSerializerOptions.Web),
            }, cancellationToken: ct));
        return await c.QuerySingleAsync<HandoffRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM handoffs h JOIN threads t ON t.id = h.thread_id WHERE h.thread_id = @threadId AND h.status IN ('open', 'claimed')",
            new { threadId }, cancellationToken: ct));
    }

    public async Task<HandoffRecord?> GetAsync(string id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<HandoffRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM handoffs h JOIN threads t ON t.id = h.thread_id WHERE h.id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<HandoffRecord?> OpenForThreadAsync(string threadId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<HandoffRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM handoffs h JOIN threads t ON t.id = h.thread_id WHERE h.thread_id = @threadId AND h.status IN ('open', 'claimed')",
            new { threadId }, cancellationToken: ct));
    }

    /// <summary>Most urgent first (priority 1 before 3), then the longest waiting.</summary>
    public async Task<IReadOnlyList<HandoffRecord>> ListAsync(string? status, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<HandoffRecord>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM handoffs h JOIN threads t ON t.id = h.thread_id
            WHERE (@status::text IS NULL AND h.status IN ('open', 'claimed')) OR h.status = @status
            ORDER BY h.priority, h.created_at LIMIT 200
            """,
            new { status }, cancellationToken: ct))).AsList();
    }

    public async Task<bool> ClaimAsync(string id, string agentId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE handoffs SET status = 'claimed', claimed_by = @agentId, claimed_at = now() WHERE id = @id AND status = 'open'",
            new { id, agentId }, cancellationToken: ct)) == 1;
    }

    /// <summary>Closes a claimed handoff held by <paramref name="agentId"/>.</summary>
    public async Task<bool> CloseAsync(string id, string agentId, string status, string? note, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE handoffs SET status = @status, closed_at = now(), note = @note
            WHERE id = @id AND status = 'claimed' AND claimed_by = @agentId
            """,
            new { id, agentId, status, note }, cancellationToken: ct)) == 1;
    }
}
