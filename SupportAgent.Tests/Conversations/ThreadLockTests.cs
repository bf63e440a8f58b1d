using SupportAgent.Api.Conversations;

namespace SupportAgent.Tests.Conversations;

public sealed class ThreadLockTests
{
    [Theory]
    [InlineData("Host=db;Database=support", 75)]
    [InlineData("Host=db;Database=support;Maximum Pool Size=20", 15)]
    [InlineData("Host=db;Database=support;Maximum Pool Size=2", 1)]
    public void Turns_holding_locks_leave_a_quarter_of_the_pool_for_their_own_work(string connectionString, int slots) =>
        Assert.Equal(slots, ThreadLock.SlotsFor(connectionString));
}
