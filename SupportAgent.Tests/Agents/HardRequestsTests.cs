using SupportAgent.Offline.Agent;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Agents;

/// <summary>
/// Requests no tool serves, asking for a person in any words, and upset customers: honest limits, a handoff when it
/// is needed, and an answer before a handoff when the question can be answered.
/// </summary>
public sealed class HardRequestsTests
{
    private readonly FakeTools _tools = FakeTools.Seeded();

    [Fact]
    public async Task An_address_change_is_a_plain_no_and_a_handoff_not_a_tracking_answer()
    {
        var turn = await new OfflineConversation(Lanes.Shipping, _tools)
            .SendAsync("I've moved house, can you update the address on order 1002 to my new place?");

        Assert.Equal(["escalate_to_human"], turn.Tools);
        Assert.Contains("address_change", turn.Argument("escalate_to_human", "reason"));
        Assert.Contains("can't change the delivery address", turn.Reply);
        Assert.DoesNotContain("1Z1002", turn.Reply);
    }

    [Fact]
    public async Task A_cancellation_is_handed_to_a_person()
    {
        var turn = await new OfflineConversation(Lanes.Refund, _tools).SendAsync("please cancel order 1005, I ordered the wrong thing");

        Assert.Equal(["escalate_to_human"], turn.Tools);
        Assert.Contains("can't cancel an order", turn.Reply);
        Assert.DoesNotContain("issue_refund", turn.Tools);
    }

    [Fact]
    public async Task A_double_charge_is_handed_to_a_person_and_nothing_is_refunded()
    {
        var turn = await new OfflineConversation(Lanes.Refund, _tools).SendAsync("my card got billed twice for order 1001??");

        Assert.Equal(["escalate_to_human"], turn.Tools);
        Assert.Contains("double_charge", turn.Argument("escalate_to_human", "reason"));
        Assert.Empty(_tools.Invocations.Where(i => i.Tool == "issue_refund"));
    }

    [Fact]
    public async Task An_invoice_copy_points_to_the_help_center_and_offers_a_person()
    {
        var turn = await new OfflineConversation(Lanes.OrderLookup, _tools).SendAsync("could you email me a receipt for order 1001");

        Assert.Empty(turn.Calls);
        Assert.Contains("can't send invoices", turn.Reply);
        Assert.Contains("\"Invoices and receipts\"", turn.Reply);
        Assert.Contains(Phrases.PersonOffer, turn.Reply);
    }

    [Theory]
    [InlineData(Lanes.General, "please get rid of my account and all my data", "close or delete an account")]
    [InlineData(Lanes.Refund, "can I exchange the headphones from order 1001 for another colour", "arrange an exchange")]
    public async Task Other_unserved_requests_say_what_the_bot_cannot_do(string lane, string text, string expected)
    {
        var turn = await new OfflineConversation(lane, _tools).SendAsync(text);

        Assert.Contains(expected, turn.Reply);
        Assert.DoesNotContain("issue_refund", turn.Tools);
    }

    [Theory]
    [InlineData("is there a person I can talk to about this?")]
    [InlineData("escalate this please")]
    [InlineData("can you hand my case over to your support team")]
    [InlineData("I'd like one of your colleagues to take over")]
    [InlineData("let a real person handle it")]
    [InlineData("connect me with customer service")]
    public void Asking_for_a_person_in_other_words_is_understood(string text) =>
        Assert.True(EscalationSignals.Detect(text).AsksForHuman, text);

    [Fact]
    public void A_yes_to_the_offer_of_a_person_asks_for_one()
    {
        var signal = EscalationSignals.Detect("yes please", previousReply: $"I can't do that here. {Phrases.PersonOffer}");

        Assert.True(signal.ShouldEscalate);
        Assert.False(EscalationSignals.Detect("yes please", previousReply: "Shall I refund $20.00 for order 1001?").ShouldEscalate);
    }

    [Theory]
    [InlineData("this is the WORST shop, where is order 1002")]
    [InlineData("WHERE IS MY ORDER 1002 ALREADY")]
    [InlineData("Absolutely ridiculous!!! order 1002 is late")]
    [InlineData("This is the THIRD time I'm asking. Where is order 1002???")]
    public async Task An_upset_customer_gets_the_answer_first_with_the_offer_of_a_person(string text)
    {
        var turn = await new OfflineConversation(Lanes.Shipping, _tools).SendAsync(text);

        Assert.Equal(["get_tracking"], turn.Tools);
        Assert.Contains("1Z1002", turn.Reply);
        Assert.Contains(Phrases.PersonOffer, turn.Reply);
        Assert.False(EscalationSignals.Detect(text).ShouldEscalate);
    }

    [Theory]
    [InlineData("sort out order 1002 today or my lawyer will hear about it")]
    [InlineData("the charger from order 1001 sparked and burnt my hand")]
    [InlineData("third time I'm asking about order 1002 and nobody ever gets back to me")]
    public async Task Threats_hazards_and_repeated_asking_hand_over_at_once(string text)
    {
        var turn = await new OfflineConversation(Lanes.Shipping, _tools).SendAsync(text);

        Assert.Equal(["escalate_to_human"], turn.Tools);
        Assert.True(EscalationSignals.Detect(text).ShouldEscalate);
    }
}
