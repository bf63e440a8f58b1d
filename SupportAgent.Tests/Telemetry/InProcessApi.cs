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
/// <param name="settings">More configuration, e.g. <c>Models:Agent:*</c> pointing at a fake model server.</param>
public sealed class InProcessApi(string support, string redis, string tools, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<api::Program>
{
    public List<Activity> Spans { get; } = [];

    public static async Task<InProcessApi> StartAsync(DistributedApplication app, IDictionary<string, string?>? settings = null)
    {
        var api = new InProcessApi(
            (await app.GetConnectionStringAsync("support"))!,
            (await app.GetConnectionStringAsync("redis"))!,
            app.GetEndpoint("toolsservice", "http").ToString(),
            settings);
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}
