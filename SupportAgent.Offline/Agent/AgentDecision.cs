namespace SupportAgent.Offline.Agent;

/// <summary>What a lane policy decided for this step: call tools, or reply with text.</summary>
internal sealed record AgentDecision(string? Text, IReadOnlyList<ToolRequest> Calls)
{
    public static AgentDecision Say(string text) => new(text, []);

    public static AgentDecision Call(string tool, params (string Name, object? Value)[] arguments) =>
        new(null, [new ToolRequest(tool, arguments.ToDictionary(a => a.Name, a => a.Value))]);
}

internal sealed record ToolRequest(string Name, Dictionary<string, object?> Arguments);
