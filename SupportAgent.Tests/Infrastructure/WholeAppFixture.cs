using Microsoft.Extensions.DependencyInjection;

namespace SupportAgent.Tests.Infrastructure;

/// <summary>One running AppHost shared by every test in the collection: each start costs seconds.</summary>
public sealed class WholeAppFixture : IAsyncLifetime
{
    private readonly string _dataPath = AppHostRunner.NewDataPath();

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Api settings every whole-app test shares: a short rate-limit window so the limit test can wait it out.</summary>
    public const int MessagesPerWindow = 12;
    public const int WindowSeconds = 6;

    public async Task InitializeAsync() => App = await AppHostRunner.StartAsync(_dataPath, builder =>
        builder.CreateResourceBuilder<ProjectResource>("api")
            .WithEnvironment("Limits__MessagesPerMinute", MessagesPerWindow.ToString())
            .WithEnvironment("Limits__WindowSeconds", WindowSeconds.ToString()));

    public Task<SupportClient> CustomerAsync(string customerId) => SupportClient.SignInAsync(App, customerId);

    public Task<SupportClient> AgentAsync(string agentId = "agent_ana") => SupportClient.SignInAsync(App, agentId, "agent");

    public async Task RestartAsync(string resource)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.RestartCommand);
        Assert.True(result.Success, result.ErrorMessage);
        using var cts = new CancellationTokenSource(AppHostRunner.StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        AppHostRunner.DeleteDataPath(_dataPath);
    }
}

[CollectionDefinition(Name)]
public sealed class WholeAppCollection : ICollectionFixture<WholeAppFixture>
{
    public const string Name = "whole app";
}
