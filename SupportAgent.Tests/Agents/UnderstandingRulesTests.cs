using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Agents;

/// <summary>
/// How the offline engine reads customers (issue 16): numbers that are not orders, orders ruled out, references by price
/// and by item, answers that say no while asking for time, requests no tool serves, and people asked for in other words.
/// </summary>
public sealed class UnderstandingRulesTests
{
    [Theory]
    [InlineData("I live at 1420 Riverside Dr in Austin. My order 1014 was supposed to come here - where is it?", "1014")]
    [InlineData("Not order 1001, that one's fine - I mean 1007. What's its status?", "1007")]
    [InlineData("1003 is not the one, it's 1009", "1009")]
    public void House_numbers_and_orders_ruled_out_are_not_the_order(string text, string order) =>
        Assert.Equal([order], MessageEntities.Read(text).OrderIds);

    private static readonly KnownOrder[] Orders =
    [
        new("1169", "delivered", 1379.00m, new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero), ["Cotton Pillowcases (pair)", "Smart Standing Desk"]),
        new("1283", "delivered", 45.49m, new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), ["LED Desk Lamp"]),
        new("1301", "in_transit", 18.99m, new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero), ["Beeswax Wraps"]),
    ];

    [Theory]
    [InlineData("the most expensive one - I want a refund for it", "1169")]
    [InlineData("where's the cheapest one?", "1301")]
    [InlineData("the one with the standing desk arrived broken", "1169")]
    [InlineData("the desk lamp flickers", "1283")]
    public void Orders_are_found_by_price_and_by_the_item_that_fits_best(string text, string order) =>
        Assert.Equal(order, OrderReferences.Resolve(text, Orders, Orders, new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)).OrderId);

    [Theory]
    [InlineData("not right now, no. i'll think about it first")]
    [InlineData("No, I'll hang on to it for now.")]
    public void A_no_that_asks_for_time_is_a_no(string text) => Assert.Equal(ConfirmationAnswer.No, ConfirmationReader.Read(text, "1417", 94.48m));

    [Theory]
    [InlineData("can the courier leave 1298 with my neighbour at no. 14? I'm away till Sunday", "delivery_instructions")]
    [InlineData("Can you upgrade order 1476 to express shipping? I need it by Friday.", "shipping_upgrade")]
    [InlineData("Please change the name on my order 1442 to my wife's, Mei Chen", "recipient_change")]
    [InlineData("I typed the wrong house number on order 1376, it should be 221 not 212. can u fix?", "recipient_change")]
    [InlineData("The jacket in order 1261 is now $30 cheaper on your site. Can you refund me the difference?", "price_adjustment")]
    public void Requests_no_tool_serves_are_recognised(string text, string kind) => Assert.Equal(kind, UnservedRequests.Detect(text)?.Kind);

    [Theory]
    [InlineData("Je voudrais parler à quelqu'un de votre équipe, s'il vous plaît.")]
    [InlineData("I think it'd be easier if I could explain it to one of your colleagues directly")]
    [InlineData("ok, can I ask a person about it then?")]
    [InlineData("This is fraud. You took my money for 1123 and never sent anything.")]
    [InlineData("third time asking about 1002 and nobody ever gets back to me")]
    public void People_asked_for_in_other_words_and_fraud_hand_over(string text) =>
        Assert.True(EscalationSignals.Detect(text).ShouldEscalate);

    [Fact]
    public void Asking_again_is_answered_first_until_the_assistant_has_answered()
    {
        const string text = "This is the THIRD time I'm asking. Where is order 1002???";
        Assert.False(EscalationSignals.Detect(text).ShouldEscalate);
        Assert.True(EscalationSignals.Detect(text, previousReply: "Order 1002 is in transit.").ShouldEscalate);
    }

    [Theory]
    [InlineData("same question for 1010", "Order 1002 is in transit.")]
    [InlineData("did it go through? if not, please do it again", "Done: I've refunded $24.00 for order 1040.")]
    public void Follow_ups_that_point_back_keep_the_thread_on_its_topic(string text, string previousReply) =>
        Assert.True(FollowUps.IsContinuation(text, previousReply));
}
