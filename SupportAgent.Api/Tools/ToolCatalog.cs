using Microsoft.Extensions.AI;
using SupportAgent.Api.Graph;

namespace SupportAgent.Api.Tools;

/// <summary>
/// The tool declarations offered to each lane, fetched once from the ToolsService (the single place its tool
/// descriptions live) and cached, plus the graph's own proposal tools; a failed fetch is retried on the next turn.
/// </summary>
public sealed class ToolCatalog(IServiceProvider services)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, AIFunctionDeclaration>? _all;

    public async Task<IReadOnlyList<AITool>> ForLaneAsync(string lane, CancellationToken ct)
    {
        var all = await AllAsync(ct);
        return Lanes.ToolsOf(lane).Where(all.ContainsKey).Select(name => (AITool)all[name]).ToList();
    }

    private async Task<IReadOnlyDictionary<string, AIFunctionDeclaration>> AllAsync(CancellationToken ct)
    {
        if (_all is not null) return _all;
        await _gate.WaitAsync(ct);
        try
        {
            if (_all is not null) return _all;
            using var scope = services.CreateScope();
            var declarations = await scope.ServiceProvider.GetRequiredService<ToolsClient>().ListAsync(ct);
            return _all = declarations.Concat(ProposalTools.Declarations).ToDictionary(d => d.Name, d => d.ToAIFunction());
        }
        finally
        {
            _gate.Release();
        }
    }
}
