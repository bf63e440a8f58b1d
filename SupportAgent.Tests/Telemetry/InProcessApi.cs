extern alias api;

using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Telemetry;

/// <summary>
/// The Api hosted in the test process against the running app's PostgreSQL, Redis and ToolsService, with an
/// in-memory OpenTelemetry exporter, so a test can look at the exact spans a turn produced.
/// </summary>
public sealed class InProcessApi(string support, string redis, string tools) : WebApplicationFactory<api::Program>
{
    public List<Activity> Spans { get; } = [];

    public static async Task<InProcessApi> StartAsync(DistributedApplication app)
    {
        var api = new InProcessApi(
            (await app.GetConnectionStringAsync("support"))!,
            (await app.GetConnectionStringAsync("redis"))!,
            app.GetEndpoint("toolsservice", "http").ToString());
        _ = api.Server; // start now
        return api;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:support", support);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("Tools:BaseUrl", tools);
        builder.UseSetting("Auth:SigningKey", AppHostRunner.SigningKey);
        builder.UseSetting("Auth:ToolsSigningKey", AppHostRunner.ToolsSigningKey);
        builder.UseSetting("Dev:Enabled", "true");
        builder.ConfigureTestServices(services =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}
