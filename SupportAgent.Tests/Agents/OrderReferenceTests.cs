using SupportAgent.Offline.Agent;

namespace SupportAgent.Tests.Agents;

/// <summary>"The second one", "that order", "the lamp", "the one from last week": resolved, not asked for again.</summary>
public sealed class OrderReferenceTests
{
    private static FakeTools Household() => new FakeTools()
        .With(new FakeOrder("1101", "in_transit", 38.99m) { Items = [("LED Desk Lamp", 1, 38.99m)], PlacedAt = "2025-03-05T09:00:00Z" })
        .With(new FakeOrder("1102", "delivered", 24.00m) { Items = [("Enamel Camping Mug", 2, 12.00m)], PlacedAt = "2025-02-10T09:00:00Z" })
        .With(new FakeOrder("1103", "delivered", 58.00m) { Items = [("Wool Slippers", 1, 58.00m)], PlacedAt = "2025-01-20T09:00:00Z" })
        .With(new FakeOrder("1104", "lost", 31.00m) { Items = [("Yoga Mat", 1, 31.00m)], PlacedAt = "2024-12-02T09:00:00Z" })
        .With(new FakeOrder("1105", "damaged", 16.00m) { Items = [("Enamel Camping Mug", 1, 16.00m)], PlacedAt = "2024-11-15T09:00:00Z" });

    [Fact]
    public async Task An_ordinal_picks_from_the_list_just_shown()
    {
        var chat = new OfflineConversation(Lanes.OrderLookup, Household());
        var list = await chat.SendAsync("can I see what I've ordered lately?");
        Assert.Contains("Order 1102", list.Reply);

        var second = await chat.SendAsync("what was in the second one?");

        Assert.Equal("1102", second.Argument("get_order", "order_id"));
        Assert.Contains("Enamel Camping Mug", second.Reply);
    }

    [Fact]
    public async Task The_last_one_is_the_bottom_of_the_list()
    {
        var chat = new OfflineConversation(Lanes.Shipping, Household());
        await chat.SendAsync("I don't remember the order number, can you list my orders?");

        var turn = await chat.SendAsync("the last one");

        Assert.Equal("1105", turn.Argument("get_tracking", "order_id"));
    }

    [Fact]
    public async Task That_order_is_the_one_the_bot_just_described()
    {
        var chat = new OfflineConversation(Lanes.OrderLookup, Household());
        await chat.SendAsync("list my orders");
        await chat.SendAsync("tell me about the third one");

        var turn = await chat.SendAsync("and how much did that order cost me?");

        Assert.Equal("1103", turn.Argument("get_order", "order_id"));
        Assert.Contains("$58.00", turn.Reply);
    }

    [Fact]
    public async Task An_item_name_finds_its_order()
    {
        var chat = new OfflineConversation(Lanes.Shipping, Household());

        var turn = await chat.SendAsync("has the desk lamp been sent yet?");

        Assert.Equal("list_orders", turn.Tools[0]);
        Assert.Equal("1101", turn.Argument("get_tracking", "order_id"));
    }

    [Fact]
    public async Task The_one_from_last_week_is_found_by_date()
    {
        var chat = new OfflineConversation(Lanes.Shipping, Household());

        var turn = await chat.SendAsync("any news on the one I ordered last week?");

        Assert.Equal("1101", turn.Argument("get_tracking", "order_id"));
    }

    [Fact]
    public async Task A_complaint_without_a_number_looks_the_orders_up_and_picks_the_match()
    {
        var chat = new OfflineConversation(Lanes.Shipping, Household());

        var turn = await chat.SendAsync("my yoga mat never turned up :(");

        Assert.DoesNotContain("share the order number", turn.Reply);
        Assert.Equal("1104", turn.Argument("get_tracking", "order_id"));
        Assert.Contains("replacement", turn.Reply);
    }

    [Fact]
    public async Task Two_orders_with_the_item_make_a_short_list_to_choose_from()
    {
        var chat = new OfflineConversation(Lanes.Refund, Household());

        var turn = await chat.SendAsync("one of the mugs showed up cracked, I'd like my money back");

        Assert.DoesNotContain("issue_refund", turn.Tools);
        Assert.Contains("Order 1102", turn.Reply);
        Assert.Contains("Order 1105", turn.Reply);
        Assert.DoesNotContain("Order 1101", turn.Reply);

        var pick = await chat.SendAsync("the first one");
        Assert.Contains("Shall I refund $24.00 for order 1102", pick.Reply);
    }
}
