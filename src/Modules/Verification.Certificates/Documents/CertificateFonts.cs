using System.Collections.Concurrent;
using SkiaSharp;
using Verification.BuildingBlocks;

namespace Verification.Certificates.Documents;

/// <summary>
/// The system's fonts, found through fontconfig (Skia's font manager): Noto Sans for Latin text, and for any character
/// it lacks the font fontconfig matches for that character (Noto Sans CJK, Arabic, Devanagari...). Built at start-up,
/// which fails when a name in Latin, Chinese, Arabic or Devanagari script could not be drawn.
/// </summary>
internal sealed class CertificateFonts : IDisposable
{
    private const string Family = "Noto Sans";

    // One character of each script a learner's name is checked for at start-up.
    private static readonly (string Script, int Character)[] Required = [("Latin", 'A'), ("Chinese", '中'), ("Arabic", 'ع'), ("Devanagari", 'क')];

    private readonly ConcurrentDictionary<string, ShapingFont> _fonts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(int Character, bool Bold), ShapingFont?> _matches = new();
    private readonly ShapingFont _regular;
    private readonly ShapingFont _bold;

    private CertificateFonts()
    {
        _regular = FindLatin(bold: false);
        _bold = FindLatin(bold: true);
    }

    public static CertificateFonts FromSystem()
    {
        var fonts = new CertificateFonts();
        foreach (var (script, character) in Required)
        {
            if (fonts.For(character, bold: false) is null)
            {
                throw new SettingInvalidException(
                    $"No font on this system draws {script} script (U+{character:X4}) for the certificate PDF: install fonts-noto-core and fonts-noto-cjk, which fontconfig finds.");
            }
        }

        return fonts;
    }

    public ShapingFont Latin(bool bold) => bold ? _bold : _regular;

    /// <summary>The font that draws <paramref name="character"/>: the Latin one where it can, else fontconfig's match; null when none can.</summary>
    public ShapingFont? For(int character, bool bold)
    {
        var latin = Latin(bold);
        return latin.Draws(character) ? latin : Match(character, bold);
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }
    }

    private ShapingFont FindLatin(bool bold)
    {
        var typeface = SKFontManager.Default.MatchFamily(Family, Style(bold));
        return typeface is not null && typeface.ContainsGlyph('A')
            ? Cached(typeface)
            : Match('A', bold) ?? throw new SettingInvalidException(
                "No font on this system draws Latin script for the certificate PDF: install fontconfig and fonts-noto-core.");
    }

    private ShapingFont? Match(int character, bool bold) => _matches.GetOrAdd((character, bold), key =>
    {
        // zh-Hans: Han characters in the Simplified Chinese forms; other scripts ignore it.
        var typeface = SKFontManager.Default.MatchCharacter(Family, Style(key.Bold), ["zh-Hans"], key.Character);
        return typeface is not null && typeface.ContainsGlyph(key.Character) ? Cached(typeface) : null;
    });

    // Typefaces are never disposed here: Skia hands out one managed wrapper per native typeface, so a typeface matched
    // twice is the same object, and disposing the second would free the first.
    private ShapingFont Cached(SKTypeface typeface) =>
        _fonts.GetOrAdd($"{typeface.FamilyName}|{typeface.FontStyle.Weight}|{typeface.FontStyle.Slant}", key => new ShapingFont(key, typeface));

    private static SKFontStyle Style(bool bold) => bold ? SKFontStyle.Bold : SKFontStyle.Normal;
}
