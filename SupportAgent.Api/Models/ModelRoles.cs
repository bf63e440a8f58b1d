namespace SupportAgent.Api.Models;

/// <summary>
/// Keys of the two <c>IChatClient</c>s in DI (<c>[FromKeyedServices(ModelRoles.Router)]</c>), and the names of their
/// configuration sections: <c>Models:Router</c> and <c>Models:Agent</c> (Provider, Model, Endpoint, ApiKey, prices).
/// </summary>
public static class ModelRoles
{
    public const string Router = "router";
    public const string Agent = "agent";
}
