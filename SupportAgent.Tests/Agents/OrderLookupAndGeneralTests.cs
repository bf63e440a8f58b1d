using SupportAgent.Offline.Agent;
using SupportAgent.Api.Graph;

namespace SupportAgent.Tests.Agents;

public sealed class OrderLookupAndGeneralTests
{
    private readonly FakeTools _tools = FakeTools.Seeded();

    [Fact]
    public async Task Order_lookup_answers_status_items_total_and_dates()
    {
        var turn = await new OfflineConversation(Lanes.OrderLookup, _tools).SendAsync("What's the status of #1001?");

        Assert.Equal(["get_order"], turn.Tools);
        Assert.Contains("delivered", turn.Reply);
        Assert.Contains("Wireless Headphones", turn.Reply);
        Assert.Contains("$129.99", turn.Reply);
        Assert.Contains("March 4, 2025", turn.Reply);
    }

    [Fact]
    public async Task Order_lookup_without_an_id_lists_orders()
    {
        var turn = await new OfflineConversation(Lanes.OrderLookup, _tools).SendAsync("What have I ordered recently?");

        Assert.Equal(["list_orders"], turn.Tools);
        Assert.Contains("Order 1007: partially refunded, $100.00", turn.Reply);
    }

    [Fact]
    public async Task General_answers_from_docs_with_article_id()
    {
        var turn = await new OfflineConversation(Lanes.General, _tools).SendAsync("How do returns work?");

        Assert.Equal(["search_docs"], turn.Tools);
        Assert.Equal("How do returns work?", turn.Argument("search_docs", "query"));
        Assert.Contains("KB-101", turn.Reply);
        Assert.Contains("Returns policy", turn.Reply);
        Assert.Contains("30 days", turn.Reply);
    }

    [Fact]
    public async Task General_with_nothing_found_says_so_and_offers_a_person()
    {
        var chat = new OfflineConversation(Lanes.General, _tools);
        var turn = await chat.SendAsync("Can I pay with gold bars?");

        Assert.Contains("couldn't find anything", turn.Reply);
        Assert.Contains("connect you with a person", turn.Reply);

        var yes = await chat.SendAsync("yes");
        Assert.Equal(["escalate_to_human"], yes.Tools);
    }

    [Fact]
    public async Task Greeting_needs_no_tool()
    {
        var turn = await new OfflineConversation(Lanes.General, _tools).SendAsync("Hello!");

        Assert.Empty(turn.Calls);
        Assert.Contains("refunds", turn.Reply);
    }

    [Theory]
    [InlineData(Lanes.General, "Can I talk to a real person please?")]
    [InlineData(Lanes.Refund, "I want to speak to a manager about order 1001")]
    [InlineData(Lanes.Shipping, "connect me with a human")]
    public async Task Asks_for_person_calls_escalate(string lane, string text)
    {
        var turn = await new OfflineConversation(lane, _tools).SendAsync(text);

        Assert.Equal(["escalate_to_human"], turn.Tools);
        Assert.Contains("asked to speak to a person", turn.Argument("escalate_to_human", "reason"));
        Assert.Contains("colleague", turn.Reply);
    }

    [Fact]
    public async Task Upset_customer_is_answered_first_and_handed_over_when_still_upset()
    {
        var chat = new OfflineConversation(Lanes.Shipping, _tools);
        var first = await chat.SendAsync("This is unacceptable, order 1002 is a week late!");
        Assert.Equal(["get_tracking"], first.Tools);
        Assert.Contains("1Z1002", first.Reply);
        Assert.Contains(Phrases.PersonOffer, first.Reply);

        var second = await chat.SendAsync("That's ridiculous, a week is too long");

        Assert.Equal(["escalate_to_human"], second.Tools);
        Assert.Contains("upset", second.Argument("escalate_to_human", "reason"));
    }
}
