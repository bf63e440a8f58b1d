using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

/// <param name="AsksForHuman">The customer wants a person (agent, manager, a call back...), or said yes to the offer of one.</param>
/// <param name="Upset">The customer is angry, shouting, threatening to leave or dispute, or has asked repeatedly.</param>
/// <param name="Reason">What was seen, for the handoff note and the audit; null when nothing was.</param>
/// <param name="Severe">Threats (chargeback, lawyer, bad review), safety words, or asking again and again: a person's
/// matter at once.</param>
/// <param name="StillUpset">Upset now and in the previous message too, which the assistant answered: tone alone now
/// hands over.</param>
public sealed record EscalationSignal(bool AsksForHuman, bool Upset, string? Reason, bool Severe = false, bool StillUpset = false)
{
    public static readonly EscalationSignal None = new(false, false, null);

    /// <summary>
    /// Hand over now. Frustration alone is not a reason to stop helping (issue 16): an upset customer whose question
    /// can be answered gets the answer first, with the offer of a person; tone hands over only when it persists after
    /// an answer.
    /// </summary>
    public bool ShouldEscalate => AsksForHuman || Severe || StillUpset;

    /// <summary>Upset, but the answer comes first (with the offer of a person).</summary>
    public bool AnswerFirst => Upset && !ShouldEscalate;
}

/// <summary>
/// The escalation rules of ARCHITECTURE.md §2 that live in code, not only in prompts: a customer who asks for a person,
/// threatens, reports a hazard, or stays upset after an answer goes to a human whatever the model thinks. Rules over a
/// lower-cased, typo-folded copy of the message; shouting and "!!!" are read from the original. Tuned to leave
/// ordinary messages alone ("my human resources account", "the delivery agent left it", "I'm not angry, just asking").
/// </summary>
public static class EscalationSignals
{
    private static readonly string[] personWords =
        ["human", "person", "agent", "manager", "supervisor", "representative", "operator", "employee"];

    /// <summary>The assistant's offer of a person (Phrases.PersonOffer and its variants), which a yes accepts.</summary>
    private static readonly Regex PersonOffered = new(
        @"\b(?:connect|put|pass|hand)\s+you\s+(?:with|through\s+to|over\s+to|to)\s+(?:a\s+)?(?:person|colleague|human|member\s+of\s+our)", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    private static readonly Regex ShortYes = new(
        @"^\W*(?:yes|yeah|yep|yup|ya|sure|ok|okay|please|please\s+do|yes\s+please|go\s+ahead|do\s+it|that\s+would\s+be\s+(?:great|good|nice)|i'?d\s+like\s+that)\b[^?]{0,30}$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    /// <param name="previousCustomerText">The customer's message before this one, if any: upset twice hands over.</param>
    /// <param name="previousReply">The assistant's last reply: a yes to its offer of a person is a request for one.</param>
    public static EscalationSignal Detect(string? text, string? previousCustomerText = null, string? previousReply = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return EscalationSignal.None;
        var lower = Prepare(text);
        var canonical = FuzzyWords.Canonicalize(lower, personWords);

        var human = FirstHit(canonical, EscalationRules.HumanRequests, EscalationRules.NotAPersonRequest)
            ?? (previousReply is not null && PersonOffered.IsMatch(previousReply) && ShortYes.IsMatch(text.Trim()) && !text.Contains("not", StringComparison.OrdinalIgnoreCase)
                ? "accepted the offer of a person" : null);
        // "Third time I'm asking" before the assistant has answered anything here is answered first: the repetition
        // happened elsewhere, and the answer may be all the customer needs.
        // Asking again while angry ("RIDICULOUS!!! third time I'm asking") is a person's matter at once.
        var severe = SevereReason(lower, answeredBefore: previousReply is not null || AngerBesides(text, lower));
        var upset = severe ?? UpsetReason(text, lower);
        if (human is null && upset is null) return EscalationSignal.None;

        var stillUpset = upset is not null && severe is null && !string.IsNullOrWhiteSpace(previousCustomerText)
            && UpsetReason(previousCustomerText, Prepare(previousCustomerText)) is not null;
        var reasons = new List<string>(2);
        if (human is not null) reasons.Add($"asks for a human (\"{human}\")");
        if (upset is not null) reasons.Add(stillUpset ? $"still upset after an answer: {upset}" : $"upset: {upset}");
        return new(human is not null, upset is not null, string.Join("; ", reasons), severe is not null, stillUpset);
    }

    /// <summary>Threats, hazards and asking again and again: a person's matter at once.</summary>
    private static string? SevereReason(string lower, bool answeredBefore)
    {
        if (FirstHit(lower, EscalationRules.Threats) is { } threat) return $"threat (\"{threat}\")";
        if (EscalationRules.Safety.Match(lower) is { Success: true } hazard) return $"safety (\"{hazard.Value}\")";
        if (answeredBefore && FirstHit(lower, EscalationRules.RepeatedAsking) is { } repeat) return $"asked repeatedly (\"{repeat}\")";
        if (EscalationRules.Neglect.Match(lower) is { Success: true } neglect) return $"nobody answered before (\"{neglect.Value}\")";
        return null;
    }

    private static bool AngerBesides(string original, string lower) =>
        FirstHit(lower, EscalationRules.Profanity) is not null || EmotionWord(lower) is not null || Shouting(original);

    private static string? UpsetReason(string original, string lower)
    {
        if (FirstHit(lower, EscalationRules.Profanity) is { } swear) return $"profanity (\"{swear}\")";
        if (FirstHit(lower, EscalationRules.RepeatedAsking) is { } repeat) return $"asked repeatedly (\"{repeat}\")";
        if (EmotionWord(lower) is { } emotion) return $"angry words (\"{emotion}\")";
        if (Shouting(original)) return "all-caps shouting";
        if (EscalationRules.ManyBangs.IsMatch(original) && !EscalationRules.Positive.IsMatch(lower))
            return "repeated exclamation marks";
        return null;
    }

    /// <summary>Anger words, unless negated right before them ("not angry", "I'm not upset at all").</summary>
    private static string? EmotionWord(string lower)
    {
        foreach (Match m in EscalationRules.Anger.Matches(lower))
        {
            var before = lower[Math.Max(0, m.Index - 22)..m.Index];
            if (EscalationRules.NegationBefore.IsMatch(before)) continue;
            return m.Value.Trim();
        }
        return null;
    }

    /// <summary>
    /// Three or more all-caps words (two letters or more), making up most of the letters: "WHERE IS MY MONEY".
    /// One emphasised word ("I want it NOW") or an acronym ("UPS", "USA") is not shouting.
    /// </summary>
    private static bool Shouting(string original)
    {
        var words = EscalationRules.Letters.Matches(original).Select(m => m.Value).Where(w => w.Length >= 2).ToList();
        var capsWords = words.Count(w => w.All(char.IsUpper));
        var letters = words.Sum(w => w.Length);
        var upper = words.Sum(w => w.Count(char.IsUpper));
        return capsWords >= 3 && letters >= 10 && upper >= 0.7 * letters;
    }

    private static string? FirstHit(string text, IEnumerable<Regex> rules, Regex? unless = null)
    {
        foreach (var rule in rules)
        {
            foreach (Match m in rule.Matches(text))
            {
                if (unless is not null && unless.IsMatch(Around(text, m))) continue;
                return m.Value.Trim();
            }
        }
        return null;
    }

    private static string Around(string text, Match m)
    {
        var start = Math.Max(0, m.Index - 20);
        var end = Math.Min(text.Length, m.Index + m.Length + 20);
        return text[start..end];
    }

    private static string Prepare(string text)
    {
        var lower = text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'');
        return EscalationRules.RepeatedLetters.Replace(lower, "$1$1");
    }
}
