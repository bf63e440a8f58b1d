namespace SupportAgent.Api.Persistence;

public static class ThreadStatuses
{
    public const string Active = "active";
    public const string AwaitingHuman = "awaiting_human";
    public const string WithHuman = "with_human";
    public const string Resolved = "resolved";
}

public static class MessageRoles
{
    public const string Customer = "customer";
    public const string Assistant = "assistant";
    public const string Agent = "agent";
    public const string System = "system";
}

public sealed record ThreadRecord(
    string Id, string CustomerId, string Status, string? Lane, DateTime CreatedAt, DateTime LastActivityAt,
    DateTime? ResolvedAt, string? Resolution, bool HadHandoff, string? CheckpointId);

public sealed record MessageRecord(string Id, string Role, string? Author, string Text, string? TurnId, DateTime CreatedAt);

public sealed record TurnRecord(string Id, string ThreadId, string? ClientKey, string Status, string? Lane, DateTime ReceivedAt);

/// <summary>What an Idempotency-Key already stands for; <see cref="TurnId"/> is null for a message to a person.</summary>
public sealed record KeyedMessage(string? TurnId, string Status, string? MessageId, string? Text, string? ReplyId, string? Reply);

/// <summary>A turn left running by a process that stopped renewing its thread's lease.</summary>
public sealed record OrphanedTurn(string TurnId, string ThreadId, DateTime ReceivedAt);

/// <summary>Everything the statement that ends a turn writes (<see cref="ConversationStore.FinishTurnAsync"/>).</summary>
/// <param name="Status">The thread's new status (a handoff), or null to keep it.</param>
/// <param name="Events">The thread events to append, in order: each <c>{ type, data }</c>.</param>
public sealed record TurnFinish(
    string ThreadId, string TurnId, string MessageId, string Reply, string Lane, Graph.TokenUsage Usage,
    DateTimeOffset? FirstReplyAt, string? CheckpointId, string? Status, IReadOnlyList<object> Events);
