using SupportAgent.Api.Graph;

namespace SupportAgent.Tests.Agents;

/// <summary>Tracking answers for orders with nothing to track yet, and for parcels already replaced.</summary>
public sealed class TrackingRepliesTests
{
    private readonly FakeTools _tools = FakeTools.Seeded();
    private OfflineConversation Chat() => new(Lanes.Shipping, _tools);

    [Fact]
    public async Task An_order_not_shipped_yet_is_said_plainly()
    {
        var turn = await Chat().SendAsync("Is there a tracking number for order 1005 yet?");

        Assert.Equal(["get_tracking"], turn.Tools);
        Assert.Contains("hasn't shipped yet", turn.Reply);
        Assert.DoesNotContain("is with the carrier", turn.Reply);
    }

    [Fact]
    public async Task After_a_replacement_the_tracking_shows_it_instead_of_offering_another()
    {
        var chat = Chat();
        await chat.SendAsync("My package for order 1004 never arrived");
        await chat.SendAsync("yes please");

        var turn = await chat.SendAsync("Where is that replacement for 1004 now?");

        Assert.Equal(["get_tracking"], turn.Tools);
        Assert.Contains("A replacement is already on its way", turn.Reply);
        Assert.Contains("NEW1004", turn.Reply);
        Assert.DoesNotContain("Shall I send", turn.Reply);
        Assert.Single(_tools.Invocations, i => i.Tool == "reship");
    }

    [Fact]
    public async Task Actually_no_declines_the_refund_offered()
    {
        var chat = new OfflineConversation(Lanes.Refund, _tools);
        await chat.SendAsync("I'd like a refund for order 1001");

        var turn = await chat.SendAsync("actually no, I'll keep it");

        Assert.Empty(turn.Calls);
        Assert.Contains("haven't refunded anything", turn.Reply);
    }

    [Fact]
    public async Task Great_thank_you_is_a_polite_close_not_another_lookup()
    {
        var chat = Chat();
        await chat.SendAsync("Where is my order 1002?");

        var turn = await chat.SendAsync("great, thank you!");

        Assert.Empty(turn.Calls);
        Assert.Contains("You're welcome", turn.Reply);
    }

    [Fact]
    public async Task Asking_for_the_order_number_gives_no_made_up_example_number()
    {
        // Without list_orders the number is asked for (with it, the orders are looked up first).
        var chat = new OfflineConversation(Lanes.Shipping, _tools) { Declared = ["get_order", "get_tracking", "reship", "escalate_to_human"] };
        var turn = await chat.SendAsync("my parcel still hasn't come");

        Assert.Contains("order number", turn.Reply);
        Assert.DoesNotMatch(@"\b1[0-5]\d{2}\b", turn.Reply);
    }
}
