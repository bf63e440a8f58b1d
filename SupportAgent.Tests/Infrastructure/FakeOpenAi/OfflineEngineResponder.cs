using System.Text.Json;
using Microsoft.Extensions.AI;
using SupportAgent.Offline.Agent;

namespace SupportAgent.Tests.Infrastructure.FakeOpenAi;

/// <summary>
/// Lets the fake server answer like a specialist: the recorded request is turned back into chat messages and tool
/// declarations and handed to the offline engine. With it, the OpenAI provider path runs whole conversations (tool
/// calls, results, replies) over real HTTP, at the fake's configured latency.
/// </summary>
public static class OfflineEngineResponder
{
    public static Func<RecordedRequest, FakeReply> Create()
    {
        var engine = new OfflineAgentChatClient();
        return request =>
        {
            var options = new ChatOptions
            {
                Tools = request.ToolNames
                    .Select(name => (AITool)AIFunctionFactory.CreateDeclaration(name, name, JsonDocument.Parse("{}").RootElement))
                    .ToList(),
            };
            // The offline engine answers synchronously; nothing here waits on I/O.
            var response = engine.GetResponseAsync(request.Messages.Select(ToChatMessage).ToList(), options).GetAwaiter().GetResult();
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()
                .Select(c => new FakeToolCall(c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments)))
                .ToArray();
            return calls.Length > 0 ? FakeReply.Calls(calls) : FakeReply.Say(response.Text);
        };
    }

    private static ChatMessage ToChatMessage(RecordedMessage message)
    {
        var role = new ChatRole(message.Role);
        if (role == ChatRole.Tool)
            return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(message.ToolCallId ?? "", message.Content)]);

        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message.Content)) contents.Add(new TextContent(message.Content));
        contents.AddRange(message.ToolCalls.Select(c => new FunctionCallContent(c.Id, c.Name,
            JsonSerializer.Deserialize<Dictionary<string, object?>>(c.ArgumentsJson is { Length: > 0 } json ? json : "{}"))));
        return new ChatMessage(role, contents);
    }
}
