using SupportAgent.Offline.Agent;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Agents;

/// <summary>Numbers in customer messages told apart: only a real order number is read as one.</summary>
public sealed class MessageEntitiesTests
{
    [Theory]
    [InlineData("the box I bought back in June 2025 still hasn't shown up", null)]
    [InlineData("I placed it on 3/14/2025, it's order 1042", "1042")]
    [InlineData("ordered on March 3rd, 2025 and nothing since", null)]
    [InlineData("my new zip code is 97201, can you update it", null)]
    [InlineData("ship it to 12 Elm St, Portland, OR 97209 please", null)]
    [InlineData("text me at 503-555-0199 when 1042 moves", "1042")]
    [InlineData("you can ring me on 5035550199", null)]
    [InlineData("I got 2 lamps instead of 1 in my parcel", null)]
    [InlineData("bought it for the 2024 holiday sale", null)]
    [InlineData("orders 1031 and 1032 are both late", "1031")]
    public void Order_numbers_are_told_apart_from_other_numbers(string text, string? order) =>
        Assert.Equal(order, TextSignals.OrderId(text));

    [Fact]
    public void Each_kind_of_number_is_named()
    {
        var entities = MessageEntities.Read("Order 1042 (2 mugs, $45) went out in May 2025; call 503-555-0199, zip 97201.");

        Assert.Equal(["1042"], entities.OrderIds);
        Assert.Equal("2", Assert.Single(entities.OfKind(EntityKind.Quantity)).Value);
        Assert.Equal(45m, entities.FirstAmount);
        Assert.Single(entities.OfKind(EntityKind.Date));
        Assert.Single(entities.OfKind(EntityKind.Phone));
        Assert.Single(entities.OfKind(EntityKind.ZipCode));
    }

    [Fact]
    public void An_amount_belongs_to_the_order_it_is_said_about()
    {
        var entities = MessageEntities.Read("take $12.50 off order 1031 and $40 off 1032 please");

        Assert.Equal(["1031", "1032"], entities.OrderIds);
        Assert.Equal(12.50m, entities.AmountFor("1031"));
        Assert.Equal(40m, entities.AmountFor("1032"));
        Assert.Null(entities.AmountFor("1099"));
    }

    [Fact]
    public async Task The_amount_asked_for_one_order_is_not_offered_for_another()
    {
        var chat = new OfflineConversation(Lanes.Refund, FakeTools.Seeded());

        // Order 1001 is the one to refund now; the $15 is about order 1007 and must not be offered for 1001.
        var turn = await chat.SendAsync("refund order 1001 please, I'll deal with the $15 on order 1007 later");

        Assert.Contains("Shall I refund $129.99 for order 1001", turn.Reply);
    }

    [Fact]
    public async Task A_year_is_never_looked_up_as_an_order()
    {
        var chat = new OfflineConversation(Lanes.Shipping, FakeTools.Seeded());

        var turn = await chat.SendAsync("I ordered a parcel in January 2025 and it still isn't here");

        Assert.DoesNotContain(turn.Calls, c => c.Arguments?.Values.Any(v => Convert.ToString(v) == "2025") == true);
        Assert.Contains("list_orders", turn.Tools);
    }
}
