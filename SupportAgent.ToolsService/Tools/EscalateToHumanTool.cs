using System.Text.Json;

namespace SupportAgent.ToolsService.Tools;

/// <summary>
/// Validates and audits the hand-off; the Api opens the handoff and interrupts the workflow when it sees
/// outcome <c>escalated</c> (one open handoff per thread is the Api's rule).
/// </summary>
public sealed class EscalateToHumanTool : ITool
{
    private const int MaxReasonLength = 500;

    public string Name => "escalate_to_human";

    public string Description =>
        "Hand the conversation to a human support agent, who continues it here with the full history. Use it when the " +
        "customer asks for a person, is upset, when a refund returned needs_approval, when the case isn't covered by policy, " +
        "or when a tool failed twice. Give the reason in one sentence for the agent who picks it up.";

    public JsonElement Parameters { get; } = ToolSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "reason": { "type": "string", "description": "Why a person is needed, in one sentence, e.g. \"Refund of $749.00 on order 1004 needs approval\"." }
          },
          "required": ["reason"],
          "additionalProperties": false
        }
        """);

    public Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct)
    {
        var reason = call.Arguments.String("reason") ?? "The customer asked for a person.";
        reason = reason[..Math.Min(reason.Length, MaxReasonLength)];
        return Task.FromResult(ToolResult.Escalated(
            "I've asked a member of our support team to take over; they'll reply right here in this conversation.",
            new { reason }));
    }
}
