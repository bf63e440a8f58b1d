using System.Text.Json;

namespace SupportAgent.Api.Tools;

/// <summary>
/// The declarations of the graph's own tools, propose_refund and propose_reship (docs/CONTRACTS.md, "Proposals"). The
/// tool node handles them (it records the proposal in the thread's state); they never reach the ToolsService.
/// </summary>
public static class ProposalTools
{
    public static IReadOnlyList<ToolDeclaration> Declarations { get; } =
    [
        new(Proposals.ProposeRefund,
            "Propose a refund to the customer before issuing it. Records the proposal; then ask the customer to confirm the exact order and amount. " +
            "issue_refund runs only after the customer's yes in their next message, with exactly this order and amount.",
            Schema("""
                {"type":"object","properties":{
                  "order_id":{"type":"string","description":"The order number, e.g. 1042."},
                  "amount":{"type":"number","description":"Dollars to refund, at most what get_order says is refundable."},
                  "reason":{"type":"string","description":"The customer's reason in a few words."}},
                 "required":["order_id","amount","reason"]}
                """)),
        new(Proposals.ProposeReship,
            "Propose sending a replacement for a lost or damaged parcel before doing it. Records the proposal; then ask the customer to confirm. " +
            "reship runs only after the customer's yes in their next message, for exactly this order.",
            Schema("""
                {"type":"object","properties":{
                  "order_id":{"type":"string","description":"The order number, e.g. 1042."},
                  "reason":{"type":"string","description":"Why a replacement is needed, in a few words."}},
                 "required":["order_id","reason"]}
                """)),
    ];

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
