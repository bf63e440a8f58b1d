using Microsoft.Extensions.Configuration;

namespace SupportAgent.AppHost.Infrastructure;

/// <summary>
/// Which models the Api talks to. Locally the offline engine is the default and any <c>Models:*</c> setting of the
/// AppHost (user secrets, command line) is passed through. A published deployment always declares the model's
/// provider, endpoint, key and name as parameters, the endpoint and key secret, so azd asks for them and stores
/// them as Container Apps secrets instead of clear text in the manifest.
/// </summary>
public static class ModelSettings
{
    public static IResourceBuilder<ProjectResource> WithModelSettings(
        this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            var provider = builder.AddParameter("model-provider", "OpenAI", publishValueAsDefault: true);
            var endpoint = builder.AddParameter("model-endpoint", secret: true);
            var key = builder.AddParameter("model-key", secret: true);
            var name = builder.AddParameter("model-name", "gpt-4o-mini", publishValueAsDefault: true);
            foreach (var role in new[] { "Router", "Agent" })
            {
                api.WithEnvironment($"Models__{role}__Provider", provider)
                   .WithEnvironment($"Models__{role}__Endpoint", endpoint)
                   .WithEnvironment($"Models__{role}__ApiKey", key)
                   .WithEnvironment($"Models__{role}__Model", name);
            }
            return api;
        }

        foreach (var (key, value) in Leaves(builder.Configuration.GetSection("Models")))
        {
            api.WithEnvironment(key.Replace(":", "__"), value);
        }
        return api;
    }

    private static IEnumerable<(string Key, string Value)> Leaves(IConfigurationSection section) =>
        section.GetChildren().SelectMany(child => child.Value is { } value ? [(child.Path, value)] : Leaves(child));

    /// <summary>Development sign-in exists locally only; a deployment never serves it.</summary>
    public static IResourceBuilder<ProjectResource> WithDevSignIn(this IResourceBuilder<ProjectResource> api, IDistributedApplicationBuilder builder) =>
        api.WithEnvironment("Dev__Enabled", builder.ExecutionContext.IsPublishMode ? "false" : "true");
}
