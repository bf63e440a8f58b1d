using Microsoft.Extensions.Options;

namespace SupportAgent.Tests.Limits;

public sealed class LimitOptionsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Invalid_limits_fail_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            LimitsTestApp.StartAsync(redis.Server, new LimitSettings(MessagesPerWindow: 0)));

        Assert.Contains("MessagesPerMinute", error.Message);
    }
}
