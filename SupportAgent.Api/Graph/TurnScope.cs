using System.Diagnostics;
using System.Text;

namespace SupportAgent.Api.Graph;

/// <summary>
/// Everything a turn's executors share that is not workflow state: where events go, the reply being written, usage,
/// and the escalation if one fires. The executors are built per turn around one scope, so nothing leaks across turns.
/// </summary>
public sealed class TurnScope(TurnRequest request, ITurnEventSink sink)
{
    private readonly StringBuilder _reply = new();
    private readonly object _gate = new();

    public TurnRequest Request { get; } = request;
    public string Lane { get; set; } = Lanes.General;
    public TokenUsage Usage { get; private set; } = TokenUsage.Zero;
    public HandoffRequest? Handoff { get; set; }
    public int ToolCalls { get; set; }
    public int ToolFailures { get; set; }

    /// <summary>Model calls the specialist made this turn: a step number, part of every tool call's id (ToolCallIds).</summary>
    public int ModelSteps { get; set; }

    /// <summary>Tool calls this turn whose arguments were not a JSON object: one is sent back to the model, two hand over.</summary>
    public int InvalidToolCalls { get; set; }

    /// <summary>Text the model wrote before the tool calls of a step, by the graph id of the step's first call.</summary>
    public Dictionary<string, string> TextBeforeCalls { get; } = [];
    public ActivityContext TurnActivity { get; init; }

    /// <summary>The in-turn exchange with the tools (function calls and results) the specialist builds on.</summary>
    public List<CompletedToolCall> Scratch { get; } = [];

    /// <summary>Where the current request's part of the reply starts: the turn's reply holds every request's answer.</summary>
    public int RequestStart { get; private set; }

    /// <summary>The current request's part of the reply (all of it unless the message asked several things).</summary>
    public string RequestReply => Reply[RequestStart..].TrimStart();

    /// <summary>The request the specialist answers now, when the message asked several things; null for all of it.</summary>
    public string? Focus { get; set; }

    /// <summary>The next of several requests starts afresh: its own tool exchange, its own tool-call budget.</summary>
    public void StartRequest(string lane, string focus)
    {
        RequestStart = Reply.Length;
        Lane = lane;
        Focus = focus;
        Scratch.Clear();
        ToolCalls = 0;
    }

    public string Reply
    {
        get { lock (_gate) return _reply.ToString(); }
    }

    public ValueTask EmitAsync(TurnEvent turnEvent, CancellationToken ct) => sink.WriteAsync(turnEvent, ct);

    public async ValueTask WriteReplyAsync(string chunk, CancellationToken ct)
    {
        if (chunk.Length == 0) return;
        lock (_gate) _reply.Append(chunk);
        await sink.WriteAsync(new DeltaEvent(chunk), ct);
    }

    public void AddUsage(TokenUsage usage)
    {
        lock (_gate) Usage = Usage.Add(usage);
    }
}
