using SupportAgent.ToolsService.Backends;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// The one way tools load an order: by the id in the arguments, and only if it belongs to the caller. Another
/// customer's order answers exactly like a missing one, so a tool never reveals that an order exists.
/// </summary>
public sealed class OrderAccess(MockBackendsClient backends)
{
    public async Task<(BackendOrder? Order, ToolResult? Failure)> FindOwnOrderAsync(ToolCall call, CancellationToken ct)
    {
        var (present, orderId, raw) = call.Arguments.OrderId();
        if (!present)
        {
            return (null, ToolResult.InvalidArguments($"{ToolArguments.OrderIdName} is required: the order number, like 1042."));
        }
        if (orderId is not { } id)
        {
            return (null, ToolResult.NotFound($"I couldn't find an order \"{raw}\" on your account. Order numbers look like 1042."));
        }
        var order = await backends.GetOrderAsync(id, ct);
        if (order is null || !string.Equals(order.CustomerId, call.CustomerId, StringComparison.Ordinal))
        {
            return (null, ToolResult.NotFound($"I couldn't find order #{id} on your account.", new { orderId = id }));
        }
        return (order, null);
    }
}
