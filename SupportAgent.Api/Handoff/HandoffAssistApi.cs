using System.Security.Claims;
using System.Text.Json;
using SupportAgent.Api.Auth;
using SupportAgent.Api.Conversations;
using SupportAgent.Api.Http;

namespace SupportAgent.Api.Handoff;

/// <summary>The assisted console: <c>GET /api/handoffs/{id}/assist</c> (agents only).</summary>
public static class HandoffAssistApi
{
    public static IEndpointRouteBuilder MapHandoffAssistApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/handoffs/{id}/assist", async (
                string id, ClaimsPrincipal user, HandoffStore store, ThreadViews views, HandoffAssistant assistant, CancellationToken ct) =>
            {
                var handoff = await store.GetAsync(id, ct);
                if (handoff is null) return Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.HandoffNotFound, "Handoff not found");
                var calls = (await views.ToolCallsAsync(handoff.ThreadId, ct)).Select(c => new ToolCallLine(c.Tool, c.Node, c.Outcome, OrderOf(c.Arguments))).ToList();
                var assist = await assistant.AssistAsync(handoff, user.SubjectId(), calls, ct);
                return Results.Ok(assist);
            })
            .WithTags("Handoffs")
            .RequireAuthorization(Policies.Agent)
            .WithSummary("A three-line summary, a drafted reply (never sent on its own) and the customer's orders");
        return app;
    }

    private static string? OrderOf(string? argumentsJson)
    {
        if (string.IsNullOrEmpty(argumentsJson)) return null;
        try
        {
            using var doc = JsonDocument.Parse(argumentsJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("order_id", out var order)
                ? order.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
