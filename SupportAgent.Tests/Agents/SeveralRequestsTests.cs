using SupportAgent.Offline.Agent;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Agents;

/// <summary>Two requests in one message: each is handled in turn or clearly queued, none silently dropped.</summary>
public sealed class SeveralRequestsTests
{
    private readonly FakeTools _tools = FakeTools.Seeded();

    [Fact]
    public void A_message_about_two_orders_is_two_requests_but_a_story_about_one_is_one()
    {
        var two = RequestSplitter.Split("could you refund order 1001, and where has order 1002 got to?");
        Assert.Equal([(Lanes.Refund, "1001"), (Lanes.Shipping, "1002")], two.Select(r => (r.Lane, r.OrderId)).ToList());

        Assert.Single(RequestSplitter.Split("Order 1001 turned up smashed. I'd like my money back please."));
    }

    [Fact]
    public async Task The_lanes_own_request_goes_first_and_the_other_is_queued_while_a_yes_is_awaited()
    {
        var turn = await new OfflineConversation(Lanes.Refund, _tools).SendAsync("where's order 1002 at, and refund order 1001 please");

        Assert.Contains("Shall I refund $129.99 for order 1001", turn.Reply);
        Assert.Contains("where's order 1002 at", turn.Reply);
        Assert.DoesNotContain("issue_refund", turn.Tools);
    }

    [Fact]
    public async Task A_second_order_question_the_lane_can_answer_is_answered_in_the_same_reply()
    {
        var turn = await new OfflineConversation(Lanes.Shipping, _tools).SendAsync("any update on order 1002? Also what did I buy in order 1001");

        Assert.Contains("1Z1002", turn.Reply);
        Assert.Contains("Wireless Headphones", turn.Reply);
    }

    [Fact]
    public async Task A_general_question_next_to_an_order_question_is_queued_not_dropped()
    {
        var turn = await new OfflineConversation(Lanes.Shipping, _tools).SendAsync("where's order 1002? also how long do refunds usually take?");

        Assert.Contains("1Z1002", turn.Reply);
        Assert.Contains("how long do refunds usually take", turn.Reply);
    }
}

/// <summary>Help-center answers: every part of a question answered from its article, or said to have no answer.</summary>
public sealed class HelpCenterAnswerTests
{
    [Fact]
    public async Task Each_part_of_a_two_part_question_is_looked_up_and_answered()
    {
        var turn = await new OfflineConversation(Lanes.General, FakeTools.Seeded())
            .SendAsync("How do returns work for sale items, and can I pay with bitcoin?");

        Assert.Equal(["search_docs", "search_docs"], turn.Tools);
        Assert.Contains("\"Returns policy\" (KB-101)", turn.Reply);
        Assert.Contains("can I pay with bitcoin?\": our help center doesn't answer that", turn.Reply);
        Assert.Contains(Phrases.PersonOffer, turn.Reply);
    }

    [Fact]
    public async Task Nothing_found_is_said_plainly_with_the_offer_of_a_person()
    {
        var turn = await new OfflineConversation(Lanes.General, FakeTools.Seeded()).SendAsync("do you price-match other shops?");

        Assert.Contains("couldn't find anything in our help center", turn.Reply);
        Assert.Contains(Phrases.PersonOffer, turn.Reply);
    }
}
