namespace Verification.Proctoring.Consent;

/// <summary>
/// The language a consent text is asked for in: a BCP 47 tag from the player, reduced to what the translations table
/// can hold (<c>zh-CN</c>, <c>ar</c>); anything else is English, the text every version has.
/// </summary>
internal static class ConsentLanguage
{
    public const string English = "en";

    /// <summary>The tag as the table spells it (language lower case, region upper case) and its language alone.</summary>
    public static (string Exact, string Primary) Candidates(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > 12)
        {
            return (English, English);
        }

        var parts = tag.Split('-', '_');
        var primary = parts[0].ToLowerInvariant();
        if (primary.Length is < 2 or > 3 || !primary.All(char.IsAsciiLetterLower))
        {
            return (English, English);
        }

        var exact = parts.Length > 1 && parts[1].Length == 2 && parts[1].All(char.IsAsciiLetter) ? $"{primary}-{parts[1].ToUpperInvariant()}" : primary;
        return (exact, primary);
    }
}
