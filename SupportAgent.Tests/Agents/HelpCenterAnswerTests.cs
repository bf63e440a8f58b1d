using SupportAgent.Offline.Agent;
using SupportAgent.Offline.Understanding;

namespace SupportAgent.Tests.Agents;

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
