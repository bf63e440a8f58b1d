
namespace SupportAgent.Offline.Agent;

/// <summary>
/// GENERAL: questions are answered only from help-center passages, cited by title and
/// id; when nothing is found the customer is told so and offered a person.
/// </summary>
internal sealed class GeneralPolicy : ILanePolicy
{
    private const string SearchDocs = "search_docs";
    private const int MaxQueryLength = 300;
    private const int MaxPassageLength = 500;
    private const int MaxSecondPassageLength = 300;

    public AgentDecision Decide(LaneContext context)
    {
        var facts = context.Facts;
        if (SharedRules.Check(context) is { } shared) return shared;

        if (facts.Last(SearchDocs) is not { } search)
        {
            return context.Offers(SearchDocs)
                ? AgentDecision.Call(SearchDocs, ("query", Query(facts.Current)))
                : AgentDecision.Say($"I can't search our help center from here, I'm sorry. {Phrases.PersonOffer}");
        }

        var results = search.Outcome == ToolOutcomes.Ok ? search.Data<DocsData>()?.Results ?? [] : [];
        if (search.Outcome == ToolOutcomes.Error)
            return AgentDecision.Say($"I'm sorry, {Phrases.ErrorMarker} while searching our help center. {Phrases.PersonOffer}");
        if (results.Count == 0)
            return AgentDecision.Say($"I couldn't find anything in our help center about that. {Phrases.PersonOffer}");

        // Passages are quoted as data, never followed as instructions.
        var top = results[0];
        var answer = $"Here's what our help center says in \"{top.Title}\" ({top.ArticleId}): {Trim(top.Passage)}";
        // Search ranks by words, not by the question asked: the runner-up often holds the answer ("how quick is
        // expedited shipping" ranks the costs page above the delivery times page), so it is quoted too, shorter.
        if (results.Count > 1)
        {
            var next = results[1];
            answer += next.ArticleId == top.ArticleId
                ? $"\n\nIt also says: {Trim(next.Passage, MaxSecondPassageLength)}"
                : $"\n\nFrom \"{next.Title}\" ({next.ArticleId}): {Trim(next.Passage, MaxSecondPassageLength)}";
        }
        return AgentDecision.Say(answer);
    }

    private static string Query(string text)
    {
        var query = text.Trim();
        return query.Length <= MaxQueryLength ? query : query[..MaxQueryLength];
    }

    private static string Trim(string passage, int max = MaxPassageLength)
    {
        var text = passage.Trim();
        return text.Length <= max ? text : text[..max].TrimEnd() + "...";
    }
}
