namespace SupportAgent.Offline.Protocol;

/// <summary>The router's labels (ARCHITECTURE.md §2). A lane is also the name of the specialist node that serves it.</summary>
public static class Lanes
{
    public const string OrderLookup = "ORDER_LOOKUP";
    public const string Refund = "REFUND";
    public const string Shipping = "SHIPPING";
    public const string General = "GENERAL";

    public static readonly IReadOnlyList<string> All = [OrderLookup, Refund, Shipping, General];

    /// <summary>An unknown label falls back to GENERAL, as ARCHITECTURE.md §2 requires.</summary>
    public static string Normalize(string? label)
    {
        var upper = label?.Trim().ToUpperInvariant().Replace(' ', '_').Replace('-', '_');
        return All.FirstOrDefault(l => l == upper) ?? General;
    }

    /// <summary>
    /// The tools each lane's specialist is offered; the tool node refuses anything else. The propose_* tools are the
    /// graph's own (docs/CONTRACTS.md, "Proposals"); the rest are the ToolsService's.
    /// </summary>
    public static IReadOnlyList<string> ToolsOf(string lane) => lane switch
    {
        // get_tracking too: "where is my order" gets the same answer in ORDER_LOOKUP as in SHIPPING (docs/LANES.md).
        OrderLookup => ["get_order", "list_orders", "get_tracking"],
        Refund => ["get_order", "list_orders", Proposals.ProposeRefund, Proposals.IssueRefund, "escalate_to_human"],
        Shipping => ["get_order", "list_orders", "get_tracking", Proposals.ProposeReship, Proposals.Reship, "escalate_to_human"],
        _ => ["search_docs", "escalate_to_human"],
    };
}
