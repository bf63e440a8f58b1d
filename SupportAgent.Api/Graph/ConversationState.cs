namespace SupportAgent.Api.Graph;

/// <summary>
/// What the workflow remembers between turns, kept in the checkpoint. The history is a bounded window so a checkpoint
/// stays the same size however long the thread grows; the full transcript lives in the messages table.
/// </summary>
public sealed record ConversationState
{
    public const int HistoryWindow = 16;
    public const string Key = "conversation";

    public string? Lane { get; init; }
    public int Turns { get; init; }

    /// <summary>
    /// The customer message the router was too unsure of, while the bot waits for the answer to its clarifying
    /// question; the answer is routed with it (RouteExecutor). Null otherwise.
    /// </summary>
    public string? Unclear { get; init; }
    public List<HistoryLine> History { get; init; } = [];

    /// <summary>
    /// The action the specialist last proposed (docs/CONTRACTS.md, "Proposals"): a money tool runs only when it matches
    /// this proposal and the proposal is confirmed by the customer or approved by a person.
    /// </summary>
    public Proposal? Proposal { get; init; }

    /// <summary>
    /// The other requests of a message that asked several things, in the order they are served after the current one
    /// (ARCHITECTURE.md §2, "Several requests"). They wait while the customer answers a question, and are served when the
    /// request before them is done.
    /// </summary>
    public List<QueuedRequest> Queue { get; init; } = [];

    public ConversationState Remember(string role, string text)
    {
        var history = History.Append(new HistoryLine(role, text)).TakeLast(HistoryWindow).ToList();
        return this with { History = history };
    }
}

/// <param name="Text">The part of the customer's message that asks it.</param>
public sealed record QueuedRequest(string Text, string Lane);

/// <param name="Role">customer, assistant or agent.</param>
public sealed record HistoryLine(string Role, string Text);
