using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportAgent.Tests.Infrastructure;

namespace SupportAgent.Tests.Conversations;

/// <summary>ARCHITECTURE.md §5: with Redis unreachable the Api serves on with a per-process limiter and says so in health.</summary>
[Collection(WholeAppCollection.Name)]
public sealed class RedisOutageTests(WholeAppFixture fixture)
{
    [Fact]
    public async Task Redis_stopped_mid_test_and_the_api_still_answers()
    {
        var client = await fixture.CustomerAsync("cust_021");
        var thread = await client.NewThreadAsync();
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        try
        {
            Assert.True((await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StopCommand)).Success);

            var turn = await client.SayAsync(thread, "How do I reset my password?");
            Assert.Equal("done", turn.Types.Last());
            Assert.False(string.IsNullOrWhiteSpace(turn.Reply));

            using var api = fixture.App.CreateHttpClient("api", "http");
            var health = await api.GetFromJsonAsync<JsonElement>("/health");
            Assert.Equal("Degraded", health.GetProperty("status").GetString());
        }
        finally
        {
            Assert.True((await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StartCommand)).Success);
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("redis", cts.Token);
        }
    }
}
