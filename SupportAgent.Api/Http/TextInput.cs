using System.Globalization;
using System.Text;

namespace SupportAgent.Api.Http;

/// <summary>Free text from a client (messages, replies, notes, comments) before it is validated and stored.</summary>
public static class TextInput
{
    /// <summary>
    /// Keeps what a person can see: drops control characters (NUL, which PostgreSQL text cannot hold, escapes, bells)
    /// except newlines and tabs, and format characters (bidirectional overrides and isolates, zero-width spaces and
    /// joiners, BOM), which can make an order number shown to an agent read differently from the one stored. Line and
    /// paragraph separators become newlines; lone surrogates become U+FFFD. Then trims.
    /// </summary>
    /// <remarks>An emoji sequence joined by U+200D shows as its separate emoji: the price of dropping every zero-width character.</remarks>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var clean = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control when rune.Value is '\n' or '\t':
                    clean.Append((char)rune.Value);
                    break;
                case UnicodeCategory.Control when rune.Value == '\r':
                    break; // \r\n and \n read the same; a lone \r only moves the cursor
                case UnicodeCategory.Control or UnicodeCategory.Format:
                    break;
                case UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    clean.Append('\n');
                    break;
                default:
                    clean.Append(rune.ToString());
                    break;
            }
        }
        return clean.ToString().Trim();
    }
}
