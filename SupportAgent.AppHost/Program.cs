using SupportAgent.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// postgres (databases: support, backends) and redis: containers where an engine answers, local processes elsewhere.
var infra = builder.AddSupportInfrastructure();

// One key per trust boundary (docs/CONTRACTS.md, "Tokens"), each a generated secret parameter: customer and agent
// tokens (the Api alone), the Api's calls to the tools (Api and ToolsService), the ToolsService's calls to the
// providers (ToolsService and MockBackends). No service holds a key that lets it mint another boundary's tokens.
var signingKey = builder.AddParameter("jwt-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);
var toolsSigningKey = builder.AddParameter("tools-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);
var backendsSigningKey = builder.AddParameter("backends-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);

var mockBackends = builder.AddProject<Projects.SupportAgent_MockBackends>("mockbackends")
    .WithReference(infra.Backends)
    .WithEnvironment("Auth__BackendsSigningKey", backendsSigningKey)
    .WithHttpHealthCheck("/health")
    .WaitFor(infra.Postgres);

var tools = builder.AddProject<Projects.SupportAgent_ToolsService>("toolsservice")
    .WithReference(mockBackends)
    .WithReference(infra.Support)
    .WithEnvironment("Auth__ToolsSigningKey", toolsSigningKey)
    .WithEnvironment("Auth__BackendsSigningKey", backendsSigningKey)
    .WithHttpHealthCheck("/health")
    .WaitFor(mockBackends);

// Replicas > 1 (Api:Replicas) put Aspire's proxy in front; the Api keeps no state between requests.
builder.AddProject<Projects.SupportAgent_Api>("api")
    .WithReplicas(int.TryParse(builder.Configuration["Api:Replicas"], out var replicas) ? replicas : 1)
    .WithReference(infra.Support)
    .WithReference(infra.Redis)
    .WithReference(tools)
    .WithEnvironment("Auth__SigningKey", signingKey)
    .WithEnvironment("Auth__ToolsSigningKey", toolsSigningKey)
    .WithModelSettings(builder)
    .WithDevSignIn(builder)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WaitFor(infra.Postgres)
    .WaitFor(infra.Redis)
    .WaitFor(tools);

builder.Build().Run();
