namespace SupportAgent.Tests.Infrastructure;

/// <summary>One running AppHost shared by every test in the collection: each start costs seconds.</summary>
public sealed class WholeAppFixture : IAsyncLifetime
{
    private readonly string _dataPath = AppHostRunner.NewDataPath();

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await AppHostRunner.StartAsync(_dataPath);

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
