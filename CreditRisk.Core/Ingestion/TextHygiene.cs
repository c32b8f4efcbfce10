namespace CreditRisk.Core.Ingestion;

/// <summary>
/// Refuses characters that have no place in a name or label shown to staff and sent to customers: control characters
/// (U+0000–U+001F, U+007F–U+009F: NUL, bell, line breaks…) and the bidirectional embedding, override and isolate
/// controls (U+202A–U+202E, U+2066–U+2069), which can make a text read differently from what it is ("Trojan
/// Source"). Joiners (U+200C, U+200D) stay allowed: Indic scripts need them in ordinary names.
/// </summary>
public static class TextHygiene
{
    /// <summary>The first refused character of <paramref name="text"/>, or null when it has none.</summary>
    public static char? FirstRefused(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>"must not contain control or text-direction characters (found U+202E)".</summary>
    public static string Message(char refused) => $"must not contain control or text-direction characters (found U+{(int)refused:X4})";
}
