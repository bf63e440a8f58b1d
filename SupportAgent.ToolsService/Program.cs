using SupportAgent.ServiceDefaults.Postgres;
using SupportAgent.ToolsService.Audit;
using SupportAgent.ToolsService.Auth;
using SupportAgent.ToolsService.Backends;
using SupportAgent.ToolsService.Dev;
using SupportAgent.ToolsService.Ledger;
using SupportAgent.ToolsService.Policy;
using SupportAgent.ToolsService.Tools;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("support");
builder.Services.AddPostgresMigrations("tools", "support", typeof(Program).Assembly);

builder.Services.AddProblemDefaults();
builder.Services.AddToolsAuthentication();
builder.Services.AddOptions<RefundOptions>().BindConfiguration(RefundOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<ToolsOptions>().BindConfiguration(ToolsOptions.Section);
builder.Services.AddMockBackendsClient(builder.Configuration);

builder.Services.AddSingleton<RefundPolicy>();
builder.Services.AddSingleton<ToolCallAudit>();
builder.Services.AddSingleton<OrderMoneyLock>();
builder.Services.AddScoped<OrderAccess>();
builder.Services.AddScoped<ToolInvoker>();
builder.Services.AddScoped<ITool, GetOrderTool>();
builder.Services.AddScoped<ITool, ListOrdersTool>();
builder.Services.AddScoped<ITool, IssueRefundTool>();
builder.Services.AddScoped<ITool, GetTrackingTool>();
builder.Services.AddScoped<ITool, ReshipTool>();
builder.Services.AddScoped<ITool, SearchDocsTool>();
builder.Services.AddScoped<ITool, EscalateToHumanTool>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapToolsApi();
if (app.Environment.IsDevelopment())
{
    app.MapDevApi();
}
app.Run();

public partial class Program;
