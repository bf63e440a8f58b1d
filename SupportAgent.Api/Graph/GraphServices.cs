using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SupportAgent.Api.Models;
using SupportAgent.Api.Tools;

namespace SupportAgent.Api.Graph;

/// <summary>The long-lived collaborators every per-turn executor needs, resolved once from DI.</summary>
public sealed class GraphServices(
    [FromKeyedServices(ModelRoles.Router)] IChatClient router,
    LaneRouter laneRouter,
    [FromKeyedServices(ModelRoles.Agent)] IChatClient agent,
    ToolsClient tools,
    ToolCatalog catalog,
    RefusedCallAudit refusedCalls,
    ModelPricing pricing,
    IOptionsMonitor<ModelOptions> models,
    IOptions<GraphOptions> options,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    public IChatClient Router { get; } = router;
    public LaneRouter LaneRouter { get; } = laneRouter;
    public IChatClient Agent { get; } = agent;
    public ToolsClient Tools { get; } = tools;
    public ToolCatalog Catalog { get; } = catalog;
    public RefusedCallAudit RefusedCalls { get; } = refusedCalls;
    public ModelPricing Pricing { get; } = pricing;

    /// <summary>The agent role's settings (timeouts of its calls).</summary>
    public ModelOptions AgentModel => models.Get(ModelRoles.Agent);
    public GraphOptions Options { get; } = options.Value;
    public TimeProvider Clock { get; } = clock;
    public ILogger Logger { get; } = loggers.CreateLogger("SupportAgent.Graph");
}
