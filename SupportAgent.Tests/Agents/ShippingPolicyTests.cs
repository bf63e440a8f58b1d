using SupportAgent.Api.Graph;

namespace SupportAgent.Tests.Agents;

public sealed class ShippingPolicyTests
{
    private readonly FakeTools _tools = FakeTools.Seeded();
    private OfflineConversation Chat() => new(Lanes.Shipping, _tools);

    [Fact]
    public async Task Tracking_is_summarised_with_carrier_status_latest_event_and_eta()
    {
        var turn = await Chat().SendAsync("Where is my order 1002?");

        Assert.Equal(["get_tracking"], turn.Tools);
        Assert.Contains("UPS", turn.Reply);
        Assert.Contains("in transit", turn.Reply);
        Assert.Contains("Departed facility", turn.Reply);
        Assert.Contains("March 7, 2025", turn.Reply);
    }

    [Fact]
    public async Task Shipping_lost_order_offers_and_does_reship()
    {
        var chat = Chat();
        var offer = await chat.SendAsync("My package for order 1004 never arrived, what can you do?");
        Assert.Equal(["get_tracking", "propose_reship"], offer.Tools);
        Assert.Contains("Shall I send a replacement for order 1004?", offer.Reply);
        Assert.DoesNotContain(_tools.Invocations, i => i.Tool == "reship");

        var done = await chat.SendAsync("Yes please");

        Assert.Equal(["reship"], done.Tools);
        Assert.Equal("1004", done.Argument("reship", "order_id"));
        Assert.Equal("not received", done.Argument("reship", "reason"));
        Assert.Contains("NEW1004", done.Reply);
    }

    [Fact]
    public async Task Reship_is_not_offered_while_in_transit()
    {
        var turn = await Chat().SendAsync("Order 1002 is late, can you send a replacement?");

        Assert.Equal(["get_tracking"], turn.Tools);
        Assert.Contains("not able to send a replacement yet", turn.Reply);
        Assert.DoesNotContain("Shall I send", turn.Reply);
    }

    [Fact]
    public async Task Declining_the_reship_sends_nothing()
    {
        var chat = Chat();
        await chat.SendAsync("where is 1004");

        var turn = await chat.SendAsync("no thanks");

        Assert.Empty(turn.Calls);
        Assert.Contains("won't send a replacement", turn.Reply);
    }

    [Fact]
    public async Task Missing_order_id_lists_the_orders_still_on_their_way()
    {
        // The customer's orders are looked up first (issue 16): the ones not delivered yet are offered to pick from.
        var turn = await Chat().SendAsync("Where is my parcel?");

        Assert.Equal(["list_orders"], turn.Tools);
        Assert.Contains("Order 1002", turn.Reply);
        Assert.Contains("Order 1004", turn.Reply);
        Assert.DoesNotContain("Order 1001", turn.Reply);
        Assert.DoesNotContain("Order 1006", turn.Reply);
    }

    [Fact]
    public async Task Missing_order_id_asks_for_it_when_orders_cannot_be_listed()
    {
        var chat = new OfflineConversation(Lanes.Shipping, _tools) { Declared = ["get_order", "get_tracking", "reship", "escalate_to_human"] };
        var turn = await chat.SendAsync("Where is my parcel?");

        Assert.Empty(turn.Calls);
        Assert.Contains("Which order would you like me to check?", turn.Reply);
    }
}
