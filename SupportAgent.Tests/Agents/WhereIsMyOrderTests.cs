using SupportAgent.Api.Graph;

namespace SupportAgent.Tests.Agents;

/// <summary>
/// "Where is my order" belongs to SHIPPING or ORDER_LOOKUP depending on the wording (docs/LANES.md), and the router
/// confuses them most; both lanes answer it alike, with status, carrier, tracking number and latest update, so a misroute
/// between them costs the customer nothing.
/// </summary>
public sealed class WhereIsMyOrderTests
{
    [Theory]
    [InlineData("Where is my order 1002?")]
    [InlineData("when will order 1002 arrive")]
    [InlineData("can I get the tracking number for #1002")]
    public async Task Both_lanes_answer_with_status_and_tracking(string message)
    {
        foreach (var lane in new[] { Lanes.Shipping, Lanes.OrderLookup })
        {
            var turn = await new OfflineConversation(lane, FakeTools.Seeded()).SendAsync(message);

            Assert.Contains("get_tracking", turn.Tools);
            Assert.Contains("1Z1002", turn.Reply);
            Assert.Contains("in transit", turn.Reply);
            Assert.Contains("UPS", turn.Reply);
            Assert.Contains("Memphis", turn.Reply);
        }
    }

    [Fact]
    public async Task Both_lanes_give_the_same_answer()
    {
        var shipping = await new OfflineConversation(Lanes.Shipping, FakeTools.Seeded()).SendAsync("where's my parcel for order 1002?");
        var lookup = await new OfflineConversation(Lanes.OrderLookup, FakeTools.Seeded()).SendAsync("where's my parcel for order 1002?");

        Assert.Equal(shipping.Reply, lookup.Reply);
    }

    [Fact]
    public void Order_lookup_is_offered_get_tracking()
    {
        Assert.Contains("get_tracking", Lanes.ToolsOf(Lanes.OrderLookup));
        Assert.Contains("get_tracking", Lanes.ToolsOf(Lanes.Shipping));
    }
}
