using SupportAgent.Tests.Backends;

namespace SupportAgent.Tests.Faults;

/// <summary>
/// One hostile request. <see cref="Path"/> may hold <c>{own}</c>, replaced by a fresh thread of the attacker's.
/// <see cref="Auth"/> is <c>@attacker</c>, <c>@agent</c> or a literal Authorization header (null: none).
/// <see cref="Statuses"/>, when set, are the only acceptable statuses (e.g. 404 for another customer's thread).
/// <see cref="Parser"/>: Kestrel's HTTP parser refuses the request (e.g. a NUL in the path) with a bodiless 400 before
/// the application runs, so no problem document can be written; that 400 is accepted for these cases only.
/// </summary>
public sealed record HostileCase(
    string Category, string Name, HttpMethod Method, string Path, byte[]? Body,
    string? ContentType = "application/json", string? Auth = "@attacker",
    int[]? Statuses = null, string? Code = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? FollowUp = null, long? TargetOrder = null, bool Parser = false);

/// <summary>Who is who in the hostile run: the attacker, a victim with a thread, a handoff and orders, and an agent.</summary>
public sealed record HostileWorld(
    string Attacker, string AttackerToken, string Victim, string VictimThread, string VictimHandoff,
    IReadOnlyList<SeededOrder> VictimOrders, IReadOnlyList<SeededOrder> AttackerAboveCap, string AgentToken);
