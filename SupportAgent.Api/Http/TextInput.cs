namespace SupportAgent.Api.Http;

/// <summary>Free text from a client (messages, replies, notes, comments) before it is validated and stored.</summary>
public static class TextInput
{
    /// <summary>
    /// Drops NUL characters, which PostgreSQL text cannot hold (a message carrying one failed with a 500), then trims.
    /// Other control characters are stored as sent.
    /// </summary>
    public static string? Clean(string? text) => text?.Replace("\0", "", StringComparison.Ordinal).Trim();
}
