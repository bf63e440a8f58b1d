using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Api.Graph;

/// <summary>A read ROUTE makes for the specialist: a ToolsService tool and its arguments.</summary>
public sealed record ToolRead(string Tool, IReadOnlyDictionary<string, object?> Arguments)
{
    public string ArgumentsJson { get; } = JsonSerializer.Serialize(Arguments);

    /// <summary>
    /// The graph's call id: derived from the read itself, so a turn run again after a crash sends the same read under
    /// the same id (the ToolsService replays it) and never another read under an id it has seen.
    /// </summary>
    public string CallId => $"route_{Tool}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ArgumentsJson)))[..10]}";
}

/// <summary>
/// What ROUTE reads before a specialist's first model call (ARCHITECTURE.md §2, "Prefetch"), so that the usual turn
/// makes one model round trip before its first words instead of one to ask for a lookup and one to answer:
/// the orders the message names (<c>get_order</c>, started while the router runs: three lanes of four begin there),
/// their tracking in SHIPPING, and the help-center search for a question in GENERAL. Only reads: never a money tool,
/// a proposal or a handoff. The specialist still calls any tool it needs; these only spare it the obvious first call.
/// </summary>
public static class Prefetch
{
    public const string GetOrder = "get_order";
    public const string GetTracking = "get_tracking";
    public const string SearchDocs = "search_docs";

    /// <summary>The only tools ROUTE runs (PolicyAudit holds it to them).</summary>
    public static readonly IReadOnlySet<string> Tools = new HashSet<string>(StringComparer.Ordinal) { GetOrder, GetTracking, SearchDocs };

    /// <summary>Orders read per message at most: a message naming more is a list for the specialist to work through.</summary>
    public const int MaxOrders = 3;

    /// <summary>Queries are cut as the offline GENERAL policy cuts its own, so its searches and these are the same reads.</summary>
    private const int MaxQueryLength = 300;

    /// <summary>
    /// The orders the message names, told apart from years, prices and phone numbers (<see cref="MessageEntities"/>).
    /// Read whatever the lane: the ToolsService answers only the customer's own orders.
    /// </summary>
    public static IReadOnlyList<ToolRead> Orders(string text) =>
        OrderIds(text).Select(id => Read(GetOrder, "order_id", id)).ToList();

    /// <summary>What <paramref name="lane"/>'s specialist reads first about <paramref name="text"/>; only tools the lane is offered.</summary>
    public static IReadOnlyList<ToolRead> ForLane(string lane, string text)
    {
        IEnumerable<ToolRead> reads = lane switch
        {
            Lanes.General => Questions(text).Select(q => Read(SearchDocs, "query", q)),
            Lanes.Shipping => Orders(text).Concat(OrderIds(text).Select(id => Read(GetTracking, "order_id", id))),
            _ => Orders(text),
        };
        var offered = Lanes.ToolsOf(lane);
        return reads.Where(r => offered.Contains(r.Tool)).ToList();
    }

    private static IEnumerable<string> OrderIds(string text) => MessageEntities.Read(text).OrderIds.Take(MaxOrders);

    /// <summary>
    /// The questions of a message for the help center, each searched on its own (<see cref="HelpQuestions"/>). A
    /// greeting, a thank-you or a request no tool serves ("change my address") is no question for it: nothing is read.
    /// </summary>
    private static IEnumerable<string> Questions(string text)
    {
        var asks = text.Contains('?') || UnservedRequests.IsHowTo(text);
        if (!asks || UnservedRequests.Detect(text) is not null && !UnservedRequests.IsHowTo(text)) return [];
        return HelpQuestions.Split(text).Select(q => q.Trim()).Select(q => q.Length <= MaxQueryLength ? q : q[..MaxQueryLength]);
    }

    private static ToolRead Read(string tool, string argument, string value) => new(tool, new Dictionary<string, object?> { [argument] = value });
}
