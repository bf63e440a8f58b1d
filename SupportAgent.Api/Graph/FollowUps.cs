using System.Text.RegularExpressions;

namespace SupportAgent.Api.Graph;

/// <summary>
/// Replies that only make sense inside the current conversation ("yes", "no thanks", "go ahead", "1042") carry no
/// topic of their own, so they never move a thread out of its lane, however the router scores them.
/// </summary>
public static partial class FollowUps
{
    public static bool IsContinuation(string text)
    {
        var trimmed = text.Trim();
        return Acknowledgement().IsMatch(trimmed) || OnlyAnOrderNumber().IsMatch(trimmed)
            || trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= 2;
    }

    [GeneratedRegex(@"^(?:(?:yes|yeah|yep|yup|ya|sure|ok|okay|k|please|pls|go ahead|do it|do that|sounds good|perfect|great|correct|right|that's right|that one|confirm(?:ed)?|no|nope|nah|not now|no thanks|thanks|thank you|cheers|the first one|the second one|the last one)[\s,.!]*)+(?:please|thanks|thank you|do it|go ahead)?[\s.!]*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Acknowledgement();

    [GeneratedRegex(@"^(?:order\s*)?(?:no\.?\s*)?#?\d{3,6}[\s.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyAnOrderNumber();
}
