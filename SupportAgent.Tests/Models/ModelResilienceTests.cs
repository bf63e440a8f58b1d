using Microsoft.Extensions.AI;
using SupportAgent.Tests.Infrastructure.FakeOpenAi;

namespace SupportAgent.Tests.Models;

/// <summary>The model HttpClient's resilience (Models/ModelResilience.cs) against the fake server, without the rest of the app.</summary>
public sealed class ModelResilienceTests
{
    [Fact]
    public async Task Rate_limits_the_retry_waits_out_never_open_the_circuit()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        // One request in three refused with 429 and "Retry-After: 0": well above the breaker's 10% of 100 attempts.
        server.Quirks.RateLimitEvery = 3;
        server.Quirks.RateLimitRetryAfterSeconds = 0;
        await using var host = await ModelHost.StartAsync(ModelHost.OpenAi(server.Endpoint));

        var answered = 0;
        for (var i = 0; i < 120; i++)
        {
            var response = await host.Agent.GetResponseAsync([new ChatMessage(ChatRole.User, $"ping {i}")]);
            if (response.Text == $"echo: ping {i}") answered++;
        }

        Assert.Equal(120, answered);
        Assert.True(server.Requests.Count(r => r.StatusCode == 429) >= 50, $"{server.Requests.Count(r => r.StatusCode == 429)} 429s");
    }
}
