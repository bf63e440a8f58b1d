using System.Text.Json;
using SupportAgent.ToolsService.Backends;

namespace SupportAgent.ToolsService.Tools;

public sealed class SearchDocsTool(MockBackendsClient backends) : ITool
{
    public const int MaxResults = 3;
    private const int MaxQueryLength = 500;

    public string Name => "search_docs";

    public string Description =>
        "Search the Northwind Goods help center and get the 3 best-matching passages with their article ids. It covers " +
        "returns (30 days), refunds and how long they take, shipping methods, times and costs, tracking, lost or damaged " +
        "parcels, cancellations, account and password, billing and invoices, warranty (1 year), gift cards, international " +
        "shipping and customs. Answer policy and how-to questions only from these passages, cite the article id, and never " +
        "invent policy. not_found means nothing matched.";

    public JsonElement Parameters { get; } = ToolSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "description": "The customer's question or its key words, e.g. \"how long do refunds take\"." }
          },
          "required": ["query"],
          "additionalProperties": false
        }
        """);

    public async Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken ct)
    {
        var query = call.Arguments.String("query");
        if (query is null)
        {
            return ToolResult.InvalidArguments("query is required: the question to look up in the help center.");
        }
        var hits = await backends.SearchDocsAsync(query[..Math.Min(query.Length, MaxQueryLength)], MaxResults, ct);
        var data = new { results = hits.Select(h => new { h.ArticleId, h.Title, h.Passage }).ToList() };
        if (hits.Count == 0)
        {
            return ToolResult.NotFound("I couldn't find a help-center article about that.", data);
        }
        return ToolResult.Ok(
            $"Found {hits.Count} help-center passage{(hits.Count == 1 ? "" : "s")}; the best match is \"{hits[0].Title}\" ({hits[0].ArticleId}).", data);
    }
}
