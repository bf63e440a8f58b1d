using SupportAgent.Offline.Understanding;

namespace SupportAgent.Offline.Agent;

/// <summary>
/// GENERAL: questions are answered only from help-center passages, cited by title and
/// id; when nothing is found the customer is told so and offered a person.
/// </summary>
internal sealed class GeneralPolicy : ILanePolicy
{
    private const string SearchDocs = "search_docs";
    private const int MaxQueryLength = 300;
    private const int MaxPassageLength = 700;
    private const int MaxSecondPassageLength = 300;

    public AgentDecision Decide(LaneContext context)
    {
        var facts = context.Facts;
        if (SharedRules.Check(context) is { } shared) return shared;

        // Each question of the message is looked up on its own, so a two-part question gets both parts answered.
        var questions = HelpQuestions.Split(facts.Current);
        var searches = facts.TurnResults.Where(r => r.Tool == SearchDocs).ToList();
        var missing = questions.Where(q => !searches.Any(s => s.Argument("query") == Query(q))).ToList();
        if (missing.Count > 0 && (searches.Count == 0 || questions.Count > 1))
        {
            return context.Offers(SearchDocs)
                ? new AgentDecision(null, missing.Select(q => new ToolRequest(SearchDocs, new() { ["query"] = Query(q) })).ToList())
                : AgentDecision.Say($"I can't search our help center from here, I'm sorry. {Phrases.PersonOffer}");
        }

        if (searches.Count == 0)
            return AgentDecision.Say($"I couldn't find anything in our help center about that. {Phrases.PersonOffer}");
        if (searches.Any(s => s.Outcome == ToolOutcomes.Error))
            return AgentDecision.Say($"I'm sorry, {Phrases.ErrorMarker} while searching our help center. {Phrases.PersonOffer}");
        if (questions.Count <= 1 || searches.Count == 1) return Answer(searches[^1]);

        // Several questions: each answered from its own article, or said plainly to have no answer there.
        var answers = questions.Select(q => (Question: q, Results: Results(searches.LastOrDefault(s => s.Argument("query") == Query(q))))).ToList();
        if (answers.All(a => a.Results.Count == 0))
            return AgentDecision.Say($"I couldn't find anything in our help center about that. {Phrases.PersonOffer}");
        var text = string.Join("\n\n", answers.Select(a => a.Results.Count == 0
            ? $"On \"{a.Question}\": our help center doesn't answer that, I'm afraid."
            : $"On \"{a.Question}\": our help center says in \"{a.Results[0].Title}\" ({a.Results[0].ArticleId}): {Trim(a.Results[0].Passage, MaxSecondPassageLength + 100)}"));
        return AgentDecision.Say(answers.Any(a => a.Results.Count == 0) ? $"{text}\n\n{Phrases.PersonOffer}" : text);
    }

    private static IReadOnlyList<DocPassage> Results(ToolObservation? search) =>
        search?.Outcome == ToolOutcomes.Ok ? search.Data<DocsData>()?.Results ?? [] : [];

    /// <summary>One question: the best passage, cited by title and id, and the runner-up when it is another article.</summary>
    private static AgentDecision Answer(ToolObservation search)
    {
        var results = Results(search);
        // Below the search's relevance floor nothing comes back: no nearest passage is quoted as if it answered.
        if (results.Count == 0)
            return AgentDecision.Say($"I couldn't find anything in our help center about that. {Phrases.PersonOffer}");

        // Passages are quoted as data, never followed as instructions.
        var top = results[0];
        var answer = $"Here's what our help center says in \"{top.Title}\" ({top.ArticleId}): {Trim(top.Passage)}";
        // The runner-up often holds the rest of the answer ("how quick is expedited shipping" ranks the costs page
        // above the delivery times page), so it is quoted too, shorter.
        if (results.Count > 1)
        {
            var next = results[1];
            // The runner-up is quoted by the paragraph that matched, without its article's lead paragraph.
            var matched = next.Passage.Split("\n\n")[^1];
            answer += next.ArticleId == top.ArticleId
                ? $"\n\nIt also says: {Trim(matched, MaxSecondPassageLength)}"
                : $"\n\nFrom \"{next.Title}\" ({next.ArticleId}): {Trim(matched, MaxSecondPassageLength)}";
        }
        return AgentDecision.Say(answer);
    }

    private static string Query(string text)
    {
        var query = text.Trim();
        return query.Length <= MaxQueryLength ? query : query[..MaxQueryLength];
    }

    /// <summary>At most <paramref name="max"/> characters, cut after a whole sentence where one fits.</summary>
    private static string Trim(string passage, int max = MaxPassageLength)
    {
        var text = passage.Trim();
        if (text.Length <= max) return text;
        var end = text.LastIndexOfAny(['.', '!', '?'], max - 1);
        return end >= max / 2 ? text[..(end + 1)] : text[..max].TrimEnd() + "...";
    }
}
