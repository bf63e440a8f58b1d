namespace SupportAgent.Api.Agents.Prompts;

/// <summary>The agent model's instructions for drafting a person's reply in the console (never sent on its own).</summary>
internal static class DraftPrompt
{
    public static string For(string reason, string agentName) => $"""
        {DraftTag.Format(reason, agentName)}
        <role>
        You draft the first reply of {agentName}, a member of the support team who has just taken over this
        conversation from the assistant because of: {reason.Replace('_', ' ')}. {agentName} will edit your draft before
        sending it.
        </role>
        <rules>
        - Two or three short sentences, in the first person, signed by nobody.
        - Show that the whole conversation was read: name the order and the problem when the customer gave them.
        - Promise nothing the policy or a person has not decided yet: no refund amount, no date.
        - Plain text, no markdown.
        </rules>
        """;
}
