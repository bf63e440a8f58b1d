namespace SupportAgent.Tests.Benchmarks;

/// <summary>A scripted conversation: who talks, what kind of request, and the customer's messages in order.</summary>
public sealed record ConversationPlan(string Kind, string CustomerId, IReadOnlyList<string> Messages);

/// <summary>
/// Deals out conversations in a fixed rotation over the seeded world: a refund asked for and confirmed (each on its
/// own delivered order under the cap, so every one really pays out), an order-status question followed by a
/// tracking question, and two how-to questions. Customers rotate over all of cust_001..cust_060.
/// </summary>
public sealed class WorkloadPlanner
{
    public const string Refund = "refund", Status = "status", HowTo = "howto";

    private static readonly string[] HowToQuestions =
    [
        "How do I reset my password?", "How do returns work?", "Do you ship to Canada?",
        "How long does standard shipping take?", "Is there a warranty on your products?", "How do I get an invoice?",
    ];

    private readonly Queue<(string Customer, string Order)> _refundable;
    private readonly List<(string Customer, string Order)> _trackable;
    private readonly List<string> _customers;
    private int _next;

    public WorkloadPlanner(IReadOnlyList<SeededCustomer> customers)
    {
        var random = new Random(11);
        _customers = customers.Select(c => c.Id).Order().ToList();
        _refundable = new(customers
            .SelectMany(c => c.Orders.Where(o => o.Status == "delivered" && o.Total is > 0 and <= 400m).Select(o => (c.Id, o.Id)))
            .OrderBy(_ => random.Next()));
        _trackable = customers
            .SelectMany(c => c.Orders.Where(o => o.Status is "in_transit" or "shipped" or "delivered").Select(o => (c.Id, o.Id)))
            .OrderBy(_ => random.Next())
            .ToList();
    }

    public int RefundableLeft => _refundable.Count;

    public ConversationPlan Next()
    {
        var n = _next++;
        switch (n % 3)
        {
            case 0 when _refundable.TryDequeue(out var refund):
                return new(Refund, refund.Customer, [$"I'd like a refund for order #{refund.Order}, it arrived broken", "Yes please"]);
            case 1:
                var (customer, order) = _trackable[n % _trackable.Count];
                return new(Status, customer, [$"What's the status of order #{order}?", $"Where is my order {order} now?"]);
            default:
                return new(HowTo, _customers[n % _customers.Count],
                    [HowToQuestions[n % HowToQuestions.Length], HowToQuestions[(n + 1) % HowToQuestions.Length]]);
        }
    }

    public IReadOnlyList<ConversationPlan> Take(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToList();
}
