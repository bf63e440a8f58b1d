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
    public const int ThreadsPerWindow = 40;
    public const int EventStreamsPerCustomer = 4;

    public async Task InitializeAsync() => App = await AppHostRunner.StartAsync(_dataPath, builder =>
        builder.CreateResourceBuilder<ProjectResource>("api")
            .WithEnvironment("Limits__MessagesPerMinute", MessagesPerWindow.ToString())
            .WithEnvironment("Limits__WindowSeconds", WindowSeconds.ToString())
            .WithEnvironment("Limits__ThreadsPerMinute", ThreadsPerWindow.ToString())
            .WithEnvironment("Limits__EventStreamsPerCustomer", EventStreamsPerCustomer.ToString()));

    public Task<SupportClient> CustomerAsync(string customerId) => SupportClient.SignInAsync(App, customerId);

    public Task<SupportClient> AgentAsync(string agentId = "agent_ana") => SupportClient.SignInAsync(App, agentId, "agent");

    /// <summary>
    /// Stops the Api gracefully and starts it again, then waits for the new process to be healthy: waiting on the
    /// resource alone can see the old instance's state during the switch.
    /// </summary>
    public async Task RestartApiAsync()
    {
        var api = new ApiProcess(App);
        var before = await api.PidAsync();
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync("api", KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        await api.StartAsync(before);
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
