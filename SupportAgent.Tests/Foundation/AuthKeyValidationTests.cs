using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportAgent.Api.Auth;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Foundation;

/// <summary>Outside Development no key has a default: a missing, short or shared key stops the Api at start-up, naming the setting.</summary>
public sealed class AuthKeyValidationTests
{
    [Theory]
    [InlineData(null, AppHostRunner.ToolsSigningKey, "Auth:SigningKey is not set")]
    [InlineData(AppHostRunner.SigningKey, null, "Auth:ToolsSigningKey is not set")]
    [InlineData(AppHostRunner.SigningKey, "too-short", "Auth:ToolsSigningKey must be at least 32 characters")]
    [InlineData(AppHostRunner.SigningKey, AppHostRunner.SigningKey, "Auth:ToolsSigningKey must differ from Auth:SigningKey")]
    public async Task Api_refuses_to_start_without_two_distinct_keys(string? signingKey, string? toolsKey, string message)
    {
        using var host = Build(signingKey, toolsKey);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Api_starts_with_two_distinct_keys()
    {
        using var host = Build(AppHostRunner.SigningKey, AppHostRunner.ToolsSigningKey);

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost Build(string? signingKey, string? toolsKey)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = signingKey,
            ["Auth:ToolsSigningKey"] = toolsKey,
        });
        builder.AddSupportAuth();
        return builder.Build();
    }
}
