using System.Text.Json;
using SupportAgent.ToolsService.Auth;

namespace SupportAgent.ToolsService.Tools;

/// <summary><c>GET /tools</c> declares the tools; <c>POST /tools/{name}</c> calls one (docs/CONTRACTS.md).</summary>
public static class ToolsApi
{
    public const string ThreadIdHeader = "X-Thread-Id";
    public const string ToolCallIdHeader = "X-Tool-Call-Id";
    public const string TurnIdHeader = "X-Turn-Id";
    public const string NodeHeader = "X-Node";
    public const string ReplayedHeader = "X-Replayed";
    /// <summary>The confirmed proposal a money action carries out (docs/CONTRACTS.md): its provider key is per proposal.</summary>
    public const string ProposalIdHeader = "X-Proposal-Id";

    private const int MaxProposalIdLength = 100;

    private const int MaxHeaderLength = 200;
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapToolsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tools").WithTags("Tools");

        // Declarations are not secret, and the Api reads them at start before it has anyone to act for.
        group.MapGet("", (ToolInvoker invoker) => TypedResults.Ok(invoker.Declarations));

        group.MapPost("/{name}", CallAsync).RequireAuthorization();

        return routes;
    }

    private static async Task<IResult> CallAsync(string name, HttpContext context, ToolInvoker invoker, CancellationToken ct)
    {
        if (invoker.Find(name) is not { } tool)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown_tool", "Unknown tool.",
                $"There is no tool '{name}'. GET /tools lists them.");
        }
        var request = context.Request;
        if (Header(request, ThreadIdHeader) is not { } threadId || Header(request, ToolCallIdHeader) is not { } callId)
        {
            return Problems.BadRequest("missing_header", $"{ThreadIdHeader} and {ToolCallIdHeader} are required (1..{MaxHeaderLength} characters).");
        }
        var proposal = request.Headers[ProposalIdHeader].ToString().Trim();
        if (request.Headers.ContainsKey(ProposalIdHeader) && proposal.Length is 0 or > MaxProposalIdLength)
        {
            return Problems.BadRequest("invalid_header", $"{ProposalIdHeader} must be 1..{MaxProposalIdLength} characters.");
        }
        if (await ReadArgumentsAsync(request, ct) is not { } arguments)
        {
            return Problems.BadRequest("invalid_json", "The body must be a JSON object of arguments (or empty for none).");
        }

        var headers = new ToolCallHeaders(threadId, callId, Header(request, TurnIdHeader), Header(request, NodeHeader),
            proposal.Length > 0 ? proposal : null);
        var invocation = await invoker.InvokeAsync(tool, context.User.CustomerId(), context.User.ApprovedBy(), headers, new ToolArguments(arguments), ct);
        switch (invocation)
        {
            case Invocation.Completed { Replayed: true } replayed:
                context.Response.Headers[ReplayedHeader] = "true";
                return Results.Text(replayed.ResultJson, "application/json");
            case Invocation.Completed completed:
                return Results.Text(completed.ResultJson, "application/json");
            default:
                return Problems.Create(StatusCodes.Status409Conflict, "tool_call_id_reused", "Tool call id reused.",
                    $"{ToolCallIdHeader} '{callId}' of thread '{threadId}' was already used for a different call.");
        }
    }

    private static string? Header(HttpRequest request, string name)
    {
        var value = request.Headers[name].ToString().Trim();
        return value.Length is > 0 and <= MaxHeaderLength ? value : null;
    }

    /// <summary>An empty body means no arguments; anything else must be one JSON object.</summary>
    private static async Task<JsonElement?> ReadArgumentsAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes)
        {
            return null;
        }
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
