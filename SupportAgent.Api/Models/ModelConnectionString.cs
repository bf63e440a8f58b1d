using System.Data.Common;

namespace SupportAgent.Api.Models;

/// <summary>
/// Applies an Aspire-style connection string (<c>Endpoint=https://...;Key=...;Model=...</c>) over the bound section, so
/// the AppHost (or an <c>azd</c> environment) can point a role at a model without touching appsettings.
/// </summary>
public static class ModelConnectionString
{
    public static void Apply(string? connectionString, ModelOptions options)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return;

        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var provider = Read(parts, "Provider");
        // A connection string names a remote endpoint; it implies OpenAI unless it says otherwise.
        options.Provider = provider is null
            ? ModelProvider.OpenAI
            : Enum.Parse<ModelProvider>(provider, ignoreCase: true);

        if (Read(parts, "Endpoint") is { } endpoint) options.Endpoint = new Uri(endpoint, UriKind.Absolute);
        if ((Read(parts, "Key") ?? Read(parts, "AccessKey") ?? Read(parts, "ApiKey")) is { } key) options.ApiKey = key;
        if ((Read(parts, "Model") ?? Read(parts, "Deployment") ?? Read(parts, "DeploymentId")) is { } model) options.Model = model;
    }

    private static string? Read(DbConnectionStringBuilder parts, string key) =>
        parts.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text ? text : null;
}
