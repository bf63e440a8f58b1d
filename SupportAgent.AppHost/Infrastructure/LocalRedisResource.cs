namespace SupportAgent.AppHost.Infrastructure;

/// <summary>
/// <c>redis-server</c> as an executable that is also the <c>redis</c> connection string, so the resource
/// and the connection string keep the same name as Aspire's Redis container.
/// </summary>
public sealed class LocalRedisResource(string name, string workingDirectory)
    : ExecutableResource(name, "redis-server", workingDirectory), IResourceWithConnectionString
{
    private EndpointReference? _primary;

    public EndpointReference PrimaryEndpoint => _primary ??= new EndpointReference(this, "tcp");

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
