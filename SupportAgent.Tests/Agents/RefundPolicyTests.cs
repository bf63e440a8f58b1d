using SupportAgent.Api.Graph;

namespace SupportAgent.Tests.Agents;

public sealed class RefundPolicyTests
{
    private readonly FakeTools _tools = FakeTools.Seeded();
    private OfflineConversation Chat() => new(Lanes.Refund, _tools);

    [Fact]
    public async Task Refund_asks_confirmation_before_issuing()
    {
        var turn = await Chat().SendAsync("I'd like a refund for order #1001, the headphones arrived broken");

        Assert.Equal(["get_order", "propose_refund"], turn.Tools);
        Assert.Equal("1001", turn.Argument("get_order", "order_id"));
        Assert.Equal("129.99", turn.Argument("propose_refund", "amount"));
        Assert.Contains("Shall I refund $129.99 for order 1001 to your original payment method?", turn.Reply);
        Assert.DoesNotContain(_tools.Invocations, i => i.Tool == "issue_refund");
    }

    [Fact]
    public async Task Refund_issued_after_yes_with_amount()
    {
        var chat = Chat();
        await chat.SendAsync("Refund order no. 1001 please, it arrived broken");

        var turn = await chat.SendAsync("Yes please");

        Assert.Equal(["issue_refund"], turn.Tools);
        Assert.Equal("1001", turn.Argument("issue_refund", "order_id"));
        Assert.Equal("129.99", turn.Argument("issue_refund", "amount"));
        Assert.Equal("arrived damaged", turn.Argument("issue_refund", "reason"));
        Assert.Contains("refunded $129.99 for order 1001", turn.Reply);
        Assert.Contains("5-10 business days", turn.Reply);
    }

    [Fact]
    public async Task Reason_given_for_one_order_is_not_carried_to_the_next()
    {
        var chat = Chat();
        await chat.SendAsync("Refund order 1001 please, it arrived broken");
        await chat.SendAsync("Yes please");
        await chat.SendAsync("and refund order 1007 too");

        var turn = await chat.SendAsync("yes");

        Assert.Equal("1007", turn.Argument("issue_refund", "order_id"));
        Assert.Equal("customer request", turn.Argument("issue_refund", "reason"));
    }

    [Fact]
    public async Task Partial_amount_is_proposed_and_refunded()
    {
        var chat = Chat();
        var ask = await chat.SendAsync("Can I get 20 dollars back on order 1001? One item was scratched");
        Assert.Contains("Shall I refund $20.00 for order 1001", ask.Reply);

        var done = await chat.SendAsync("yes");

        Assert.Equal("20.00", done.Argument("issue_refund", "amount"));
        Assert.Contains("refunded $20.00", done.Reply);
    }

    [Fact]
    public async Task Amount_above_what_is_left_offers_the_remainder()
    {
        var turn = await Chat().SendAsync("Refund $90 on order 1007");

        Assert.Contains("The most I can refund for order 1007 is $60.00", turn.Reply);
        Assert.Contains("Shall I refund $60.00 for order 1007", turn.Reply);
    }

    [Fact]
    public async Task No_means_nothing_is_done()
    {
        var chat = Chat();
        await chat.SendAsync("refund 1001");

        var turn = await chat.SendAsync("No, don't do it");

        Assert.Empty(turn.Calls);
        Assert.Contains("haven't refunded anything", turn.Reply);
        Assert.DoesNotContain(_tools.Invocations, i => i.Tool == "issue_refund");
    }

    [Fact]
    public async Task Refund_above_cap_escalates()
    {
        var chat = Chat();
        await chat.SendAsync("I want my money back for order 1003");

        var turn = await chat.SendAsync("yes, go ahead");

        Assert.Equal(["issue_refund", "escalate_to_human"], turn.Tools);
        Assert.Contains("needs approval", turn.Argument("escalate_to_human", "reason"));
        Assert.Contains("colleague", turn.Reply);
        Assert.Contains("Nothing has been refunded yet", turn.Reply);
    }

    [Fact]
    public async Task Ineligible_in_transit_order_is_explained()
    {
        var turn = await Chat().SendAsync("refund order 1002");

        Assert.Equal(["get_order"], turn.Tools);
        Assert.Contains("still on its way", turn.Reply);
        Assert.DoesNotContain("Shall I refund", turn.Reply);
    }

    [Fact]
    public async Task Already_refunded_and_pending_orders_are_explained()
    {
        Assert.Contains("already been refunded", (await Chat().SendAsync("refund 1006")).Reply);
        Assert.Contains("can be cancelled", (await Chat().SendAsync("refund 1005")).Reply);
    }

    [Fact]
    public async Task Policy_saying_no_twice_escalates()
    {
        var chat = Chat();
        await chat.SendAsync("refund order 1002");

        var turn = await chat.SendAsync("I still want a refund for 1002");

        Assert.Equal("escalate_to_human", turn.Tools[^1]);
        Assert.Contains("declined twice", turn.Argument("escalate_to_human", "reason"));
    }

    [Fact]
    public async Task Unknown_order_is_said_plainly()
    {
        var turn = await Chat().SendAsync("refund order 9999");

        Assert.Contains("couldn't find order 9999", turn.Reply);
    }

    [Fact]
    public async Task Missing_order_id_asks_then_lists_on_request()
    {
        var chat = Chat();
        var ask = await chat.SendAsync("I want a refund");
        Assert.Empty(ask.Calls);
        Assert.Contains("order number", ask.Reply);

        var list = await chat.SendAsync("yes please list them");
        Assert.Equal(["list_orders"], list.Tools);
        Assert.Contains("Order 1001", list.Reply);
        Assert.Contains("Which order would you like a refund for?", list.Reply);

        var pick = await chat.SendAsync("1001");
        Assert.Contains("Shall I refund $129.99 for order 1001", pick.Reply);
    }

    [Fact]
    public async Task Customer_without_an_order_in_mind_gets_the_list()
    {
        var turn = await Chat().SendAsync("I don't know the order number, can you show my orders?");

        Assert.Equal(["list_orders"], turn.Tools);
    }

    [Fact]
    public async Task Tool_error_is_apologised_for_and_a_second_error_escalates()
    {
        var chat = Chat();
        await chat.SendAsync("refund 1001");
        _tools.FailNext("issue_refund").FailNext("issue_refund");

        var first = await chat.SendAsync("yes");
        Assert.Contains("couldn't confirm the refund went through", first.Reply);
        Assert.Contains("Shall I try to refund $129.99 for order 1001 again", first.Reply);

        var second = await chat.SendAsync("yes, try again");
        Assert.Equal(["issue_refund", "escalate_to_human"], second.Tools);
        Assert.Contains("failed twice", second.Argument("escalate_to_human", "reason"));
    }
}
