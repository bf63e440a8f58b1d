using SupportAgent.MockBackends.Admin;
using SupportAgent.MockBackends.Auth;
using SupportAgent.MockBackends.Docs;
using SupportAgent.MockBackends.Faults;
using SupportAgent.MockBackends.Http;
using SupportAgent.MockBackends.Orders;
using SupportAgent.MockBackends.Payments;
using SupportAgent.MockBackends.Persistence.Seed;
using SupportAgent.MockBackends.Shipping;
using SupportAgent.ServiceDefaults.Postgres;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("backends");
var migrations = builder.Services.AddPostgresMigrations("mockbackends", "backends", typeof(Program).Assembly);

builder.Services.AddProblemDefaults();
// Bad input is a 400 problem in every environment, never a developer exception page.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
builder.Services.AddBackendsAuthentication();
builder.Services.AddFaultInjection();
builder.Services.AddSingleton<WorldSeeder>();
builder.Services.AddSingleton<OrderStore>();
builder.Services.AddSingleton<RefundProcessor>();
builder.Services.AddSingleton<ShipmentStore>();
builder.Services.AddSingleton<ReshipProcessor>();
builder.Services.AddSingleton<DocsSearch>();

var app = builder.Build();
// Seeding runs after the migrations, before the service takes traffic (and so before it reports healthy).
migrations.AfterMigration.Add(ct => app.Services.GetRequiredService<WorldSeeder>().SeedAsync(ct));
// The help-center index (model and article embeddings) is built before traffic too: the first search must not time out.
migrations.AfterMigration.Add(_ =>
{
    DocsSearch.WarmUp();
    return Task.CompletedTask;
});

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
// /health and /alive stay anonymous; every provider endpoint needs the ToolsService's service token.
app.MapDefaultEndpoints();
var service = app.MapGroup("").RequireAuthorization(BackendsAuthentication.ServicePolicy);
service.MapOrdersApi();
service.MapPaymentsApi();
service.MapShippingApi();
service.MapDocsApi();
var admin = app.MapGroup("").RequireServiceTokenForAdmin(app);
admin.MapFaultsApi();
admin.MapAdminApi();
app.Run();

public partial class Program;
