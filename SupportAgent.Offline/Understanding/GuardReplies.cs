
namespace SupportAgent.Offline.Understanding;

/// <summary>Short, polite answers for messages the input guard stops before any model or tool sees them.</summary>
public static class GuardReplies
{
    public static string For(GuardVerdict verdict) => verdict.Kind switch
    {
        GuardKind.Injection =>
            "I can only help with your own orders and our store's policies, and I can't change how I work. " +
            "If you'd like help with an order, a refund or a delivery, tell me the order number.",
        _ =>
            "That's outside what I can help with here, I'm afraid. I can help with orders, refunds, deliveries, " +
            "your account and our store's policies.",
    };
}
