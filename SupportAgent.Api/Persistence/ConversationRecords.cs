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
