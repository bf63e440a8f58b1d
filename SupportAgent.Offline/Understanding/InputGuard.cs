using System.Text;
using System.Text.RegularExpressions;

namespace SupportAgent.Offline.Understanding;

public enum GuardKind
{
    Ok,
    OffTopic,
    Injection,
}

/// <param name="Reason">What was matched, for logs and the audit; null when <see cref="GuardKind.Ok"/>.</param>
public sealed record GuardVerdict(GuardKind Kind, string? Reason)
{
    public static readonly GuardVerdict Ok = new(GuardKind.Ok, null);

    public bool IsOk => Kind == GuardKind.Ok;
}

/// <summary>
/// A cheap screen in front of the router and the agents: prompt-injection and jailbreak attempts, requests for other
/// customers' data, and requests that have nothing to do with the store. Conservative by design: a normal support
/// message must pass (fewer than 1% of the training messages are flagged, see the tests), so a message that talks
/// about orders, parcels, refunds or the account is never called off-topic. It is one layer, not the defence: the
/// tools still scope every call to the authenticated customer and enforce the refund cap in code.
/// </summary>
public static partial class InputGuard
{
    public static GuardVerdict Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return GuardVerdict.Ok;
        var lower = Prepare(text);

        if (FirstHit(lower, GuardRules.Injection) is { } injection)
            return new(GuardKind.Injection, $"injection pattern (\"{injection}\")");
        if (HiddenInstructions(text) is { } hidden)
            return new(GuardKind.Injection, $"encoded instructions (\"{hidden}\")");
        if (!GuardRules.StoreVocabulary.IsMatch(lower) && FirstHit(lower, GuardRules.OffTopic) is { } offTopic)
            return new(GuardKind.OffTopic, $"not about the store (\"{offTopic}\")");
        return GuardVerdict.Ok;
    }

    /// <summary>
    /// A base64 blob that decodes to readable text carrying instructions, or any blob the customer asks to decode:
    /// the classic way to slip an instruction past word filters.
    /// </summary>
    private static string? HiddenInstructions(string text)
    {
        foreach (Match blob in Base64Blob().Matches(text))
        {
            var decoded = TryDecode(blob.Value);
            if (decoded is not null && (FirstHit(Prepare(decoded), GuardRules.Injection) is not null
                || GuardRules.InstructionWords.IsMatch(decoded.ToLowerInvariant())))
                return decoded.Length > 60 ? decoded[..60] + "..." : decoded;
            if (GuardRules.DecodeRequest.IsMatch(text.ToLowerInvariant())) return blob.Value[..Math.Min(24, blob.Value.Length)];
        }
        return null;
    }

    private static string? TryDecode(string blob)
    {
        var padded = blob.TrimEnd('=');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var length)) return null;
        var decoded = Encoding.UTF8.GetString(bytes, 0, length);
        var printable = decoded.Count(c => c is >= ' ' and <= '~' || char.IsWhiteSpace(c));
        return decoded.Length >= 8 && printable >= 0.9 * decoded.Length ? decoded : null;
    }

    private static string? FirstHit(string lower, IEnumerable<Regex> rules)
    {
        foreach (var rule in rules)
        {
            var m = rule.Match(lower);
            if (m.Success) return m.Value.Trim();
        }
        return null;
    }

    private static string Prepare(string text) =>
        Spaces().Replace(text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\''), " ");

    // Long enough that order numbers, tracking numbers and promo codes never qualify.
    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{20,}={0,2}")]
    private static partial Regex Base64Blob();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();
}
