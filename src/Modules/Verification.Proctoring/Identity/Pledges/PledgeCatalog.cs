using System.Text;
using Microsoft.Extensions.Configuration;

namespace Verification.Proctoring.Identity.Pledges;

/// <summary>
/// Chooses the pledge a learner types from their locale and keyboard: the configured pledges of the language
/// (<c>Proctoring:Pledges:{language}:Native</c> and <c>:Latin</c>, else <see cref="DefaultPledges"/>), native script when
/// the learner's keyboard types it directly, Latin otherwise, English when the language has none. Never the learner's
/// name: a name in Hanzi, Arabic or Devanagari would need an input method, and an input method gives no key timings.
/// </summary>
internal sealed class PledgeCatalog
{
    public const string SectionName = "Proctoring:Pledges";

    private readonly Dictionary<string, PledgeSet> _sets = new(StringComparer.OrdinalIgnoreCase);

    public PledgeCatalog(IConfiguration configuration)
    {
        foreach (var (language, set) in DefaultPledges.ByLanguage)
        {
            _sets[language] = set;
        }

        foreach (var language in configuration.GetSection(SectionName).GetChildren())
        {
            _sets[language.Key] = new PledgeSet(Read(language.GetSection("Native")), Read(language.GetSection("Latin")));
        }
    }

    /// <summary>
    /// The pledge for <paramref name="locale"/> (a BCP 47 tag such as <c>zh-CN</c>; unknown or absent means English).
    /// The same learner gets the same pledge each time, so enrollment samples and later checks agree.
    /// </summary>
    public PledgeChoice Choose(Guid learnerId, string? locale, PledgeKeyboard? keyboard)
    {
        var language = LanguageOf(locale);
        var set = _sets.GetValueOrDefault(language);
        if (set is null || (set.Native.Length == 0 && set.Latin.Length == 0))
        {
            language = DefaultPledges.FallbackLanguage;
            set = _sets[language];
        }

        var nativeAvailable = set.Native.Length > 0;
        var wantsNative = keyboard != PledgeKeyboard.Latin;
        if (nativeAvailable && (wantsNative || set.Latin.Length == 0 && IsLatinScript(set.Native)))
        {
            return new PledgeChoice(Pick(set.Native, learnerId), language, PledgeKeyboard.Native, true);
        }

        if (set.Latin.Length > 0)
        {
            return new PledgeChoice(Pick(set.Latin, learnerId), language, PledgeKeyboard.Latin, nativeAvailable);
        }

        var english = _sets[DefaultPledges.FallbackLanguage];
        return new PledgeChoice(Pick(english.Native, learnerId), DefaultPledges.FallbackLanguage, PledgeKeyboard.Latin, nativeAvailable);
    }

    private static string LanguageOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 35)
        {
            return DefaultPledges.FallbackLanguage;
        }

        var primary = locale.Split('-', '_')[0];
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetter) ? primary.ToLowerInvariant() : DefaultPledges.FallbackLanguage;
    }

    private static string Pick(string[] pledges, Guid learnerId)
    {
        var bytes = learnerId.ToByteArray();
        return pledges[bytes[^1] % pledges.Length];
    }

    private static bool IsLatinScript(string[] pledges) =>
        pledges.All(p => p.EnumerateRunes().All(r => r.Value < 0x250 || !Rune.IsLetter(r)));

    private static string[] Read(IConfigurationSection section) =>
        [.. section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim().Normalize(NormalizationForm.FormC))];
}
