using Dapper;
using Scalar.AspNetCore;
using SupportAgent.Api.Auth;
using SupportAgent.Api.Conversations;
using SupportAgent.Api.Dev;
using SupportAgent.Api.Graph;
using SupportAgent.Api.Handoff;
using SupportAgent.Api.Http;
using SupportAgent.Api.Limits;
using SupportAgent.Api.Metrics;
using SupportAgent.Api.Models;
using SupportAgent.Api.Persistence;
using SupportAgent.Api.Streaming;
using SupportAgent.Api.Telemetry;
using SupportAgent.Api.Tools;
using SupportAgent.ServiceDefaults.Postgres;

// Routes a JSON Lines file of messages with the offline classifier: no server, no database (README, "Route messages").
if (args is ["route", ..]) return SupportAgent.Offline.Routing.RouteCommand.Run(args[1..], Console.Out);
if (args is ["train-router", ..]) return SupportAgent.Offline.Routing.TrainRouterCommand.Run(args[1..], Console.Out);
if (args is ["router-eval"]) return SupportAgent.Offline.Routing.RouterBenchmark.Run(Console.Out);

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("support");
// Redis being down must not fail readiness: the limiter's own check reports it as Degraded and serves on.
builder.AddRedisClient("redis", settings => settings.DisableHealthChecks = true);
builder.Services.AddPostgresMigrations("api", "support", typeof(Program).Assembly);
DefaultTypeMap.MatchNamesWithUnderscores = true;

builder.AddSupportAuth();
builder.AddCustomerLimits();
builder.AddSupportModels();
builder.AddSupportGraph();
builder.Services.AddSupportProblems();
builder.Services.AddOpenApi();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();
app.UseSupportProblems();
app.UseRequestBodyLimit();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapThreadsApi();
app.MapHandoffsApi();
app.MapHandoffAssistApi();
app.MapSupportMetricsApi();
if (app.Configuration.GetValue("Dev:Enabled", app.Environment.IsDevelopment()))
{
    app.MapDevApi();
}
app.MapGet("/console", () => Results.File("console.html", "text/html")).ExcludeFromDescription();
app.Run();
return 0;

public partial class Program;
