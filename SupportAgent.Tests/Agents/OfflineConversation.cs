using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportAgent.Api.Agents;
using SupportAgent.Offline.Agent;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Tools;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Agents;

/// <summary>
/// Plays the graph around the offline engine, as ARCHITECTURE.md §2 describes it: system prompt, a bounded text-only window
/// of earlier turns, the customer's message, then the specialist/tool loop (at most 8 calls) with <see cref="FakeTools"/>.
/// </summary>
public sealed class OfflineConversation(string lane, FakeTools tools)
{
    private const int Window = 12;
    private const int MaxToolCalls = 8;
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly List<ChatMessage> _history = [];

    public IChatClient Client { get; init; } = new OfflineAgentChatClient();

    /// <summary>The tools offered; the lane's own by default.</summary>
    public IReadOnlyList<string> Declared { get; init; } = Lanes.ToolsOf(lane);

    public bool Streaming { get; init; }

    /// <summary>Every request the engine got, for assertions on call ids and replays.</summary>
    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    /// <summary>The proposal the graph would hold in the thread's state (docs/CONTRACTS.md, "Proposals").</summary>
    public Proposal? Proposal { get; private set; }

    public async Task<Turn> SendAsync(string text)
    {
        AnswerProposal(text);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, SpecialistPrompt.For(lane, "cust_001", Now)),
            .. Proposal is { Status: "proposed" or "confirmed" or "declined" } p ? [new ChatMessage(ChatRole.System, Proposals.Format(p))] : Array.Empty<ChatMessage>(),
            .. _history.TakeLast(Window),
            new(ChatRole.User, text),
        ];
        var calls = new List<FunctionCallContent>();
        // Text said alongside tool calls reaches the customer first, as the graph streams it.
        var said = new System.Text.StringBuilder();
        var options = new ChatOptions { Tools = Declared.Select(Declaration).ToList<AITool>() };

        while (true)
        {
            Requests.Add(messages.ToList());
            var response = await AskAsync(messages, options);
            var requested = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (requested.Count == 0)
            {
                var reply = said.Append(response.Text).ToString();
                _history.Add(new ChatMessage(ChatRole.User, text));
                _history.Add(new ChatMessage(ChatRole.Assistant, reply));
                return new Turn(reply, calls, response);
            }
            if (response.Text.Length > 0) said.Append(response.Text).Append("\n\n");

            calls.AddRange(requested);
            Assert.True(calls.Count <= MaxToolCalls, "the engine looped past the tool-call limit");
            messages.AddRange(response.Messages);
            // Results go back as the envelope's JSON text, as the graph's tool node sends them.
            messages.Add(new ChatMessage(ChatRole.Tool, requested
                .Select(call => (AIContent)new FunctionResultContent(call.CallId, Envelope(call)))
                .ToList()));
        }
    }

    /// <summary>What ROUTE does with the customer's next message: confirm, decline or drop the open proposal.</summary>
    private void AnswerProposal(string text)
    {
        Proposal = Proposal?.Status switch
        {
            "proposed" => ConfirmationReader.Read(text, Proposal.OrderId, Proposal.Amount) switch
            {
                ConfirmationAnswer.Yes => Proposal.With("confirmed"),
                ConfirmationAnswer.No => Proposal.With("declined"),
                ConfirmationAnswer.Counter => null,
                _ => Proposal,
            },
            "confirmed" => Proposal.With("proposed"),
            _ => null,
        };
    }

    private string Envelope(FunctionCallContent call)
    {
        // Arguments travel as JSON between the graph and the ToolsService.
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(call.Arguments))!;
        var plain = arguments.ToDictionary(a => a.Key, a => (object?)(a.Value is JsonElement e && e.ValueKind == JsonValueKind.String ? e.GetString() : a.Value?.ToString()));
        ToolResult result;
        if (!Declared.Contains(call.Name))
        {
            result = new ToolResult(ToolOutcomes.Refused, "Tool not available in this lane.");
        }
        else if (Proposals.IsPropose(call.Name))
        {
            var (proposal, error) = Proposals.FromCall(call.Name, plain, lane);
            Proposal = proposal ?? Proposal;
            result = proposal is null
                ? new ToolResult(ToolOutcomes.Error, error!)
                : new ToolResult(ToolOutcomes.Ok, $"Proposal recorded; ask the customer to confirm: {Proposals.Question(proposal)}");
        }
        else if (Proposals.IsMoney(call.Name) && (Proposal is not { Status: "confirmed" } || !Proposals.Matches(Proposal, call.Name, plain)))
        {
            result = new ToolResult(ToolOutcomes.Refused, "No confirmed proposal: propose first and ask the customer.");
        }
        else
        {
            result = tools.Invoke(call.Name, plain);
            if (Proposals.IsMoney(call.Name))
            {
                Proposal = Proposal!.With(result.Outcome switch
                {
                    ToolOutcomes.Ok => "executed",
                    ToolOutcomes.NeedsApproval => "awaiting_approval",
                    ToolOutcomes.Error => "proposed",
                    _ => "declined",
                });
            }
        }
        return JsonSerializer.Serialize(result);
    }

    private async Task<ChatResponse> AskAsync(List<ChatMessage> messages, ChatOptions options)
    {
        if (!Streaming) return await Client.GetResponseAsync(messages, options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in Client.GetStreamingResponseAsync(messages, options)) updates.Add(update);
        return updates.ToChatResponse();
    }

    private static AIFunctionDeclaration Declaration(string name) => AIFunctionFactory.CreateDeclaration(
        name, $"The {name} tool.", JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement);
}

public sealed record Turn(string Reply, IReadOnlyList<FunctionCallContent> Calls, ChatResponse Response)
{
    public IReadOnlyList<string> Tools => Calls.Select(c => c.Name).ToList();

    public string? Argument(string tool, string name) =>
        Calls.LastOrDefault(c => c.Name == tool)?.Arguments?.TryGetValue(name, out var value) == true
            ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
