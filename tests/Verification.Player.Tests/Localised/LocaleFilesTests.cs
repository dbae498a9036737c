using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verification.Matching.Keystroke;
using Verification.Testing;

namespace Verification.Player.Tests.Localised;

/// <summary>
/// The player's resource files: every language has every key the English file has (no more), with the same
/// {placeholders}, every key the pages and scripts ask for by name is in the English file, and every reason the
/// service refuses a typing for has a text the player shows instead of the service's English sentence.
/// </summary>
public sealed partial class LocaleFilesTests
{
    private static readonly string Player = Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "wwwroot", "player");

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("hi")]
    [InlineData("ar")]
    [InlineData("es")]
    public void Each_language_has_every_english_key_with_the_same_placeholders(string language)
    {
        var english = Strings("en");
        var translated = Strings(language);

        Assert.Empty(english.Keys.Except(translated.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(translated.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        Assert.All(english, pair => Assert.Equal(Placeholders(pair.Value), Placeholders(translated[pair.Key])));
        Assert.All(translated, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), pair.Key));
    }

    [Fact]
    public void Every_key_the_pages_and_scripts_name_is_in_the_english_file()
    {
        var english = Strings("en");
        var named = Directory.GetFiles(Player, "*.html").SelectMany(f => PageKey().Matches(File.ReadAllText(f)))
            .Concat(Directory.GetFiles(Path.Combine(Player, "js"), "*.js").SelectMany(f => ScriptKey().Matches(File.ReadAllText(f))))
            .Select(m => m.Groups["key"].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(named.Count > 50, $"only {named.Count} keys found: the patterns no longer match the pages");
        Assert.Empty(named.Where(key => !english.ContainsKey(key)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_reason_a_typing_can_be_refused_for_has_its_own_text()
    {
        var english = Strings("en");
        var codes = typeof(KeystrokeRejectionCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Concat(["consent_withdrawn", "typing_not_enrolled"])
            .ToList();

        Assert.True(codes.Count > 15, $"only {codes.Count} codes");
        Assert.Empty(codes.Where(code => !english.ContainsKey("typing.reason." + code)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("buy.html")]
    [InlineData("certificate.html")]
    public void The_buy_and_certificate_pages_take_every_text_from_the_resource_files(string page)
    {
        var html = File.ReadAllText(Path.Combine(Player, page));
        var untranslated = TextElement().Matches(html)
            .Where(m => !m.Groups["attributes"].Value.Contains("data-i18n=", StringComparison.Ordinal))
            .Select(m => m.Value.Trim())
            .ToList();

        Assert.True(TextElement().Matches(html).Count > 5, $"only {TextElement().Matches(html).Count} texts found in {page}: the pattern no longer matches");
        Assert.Empty(untranslated);
    }

    private static Dictionary<string, string> Strings(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Player, "locales", language + ".json")))!;

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"data-i18n(?:-label)?=""(?<key>[^""]+)""")]
    private static partial Regex PageKey();

    [GeneratedRegex(@"\bt\(""(?<key>[\w.]+)""")]
    private static partial Regex ScriptKey();

    // An element whose own text has a letter in it (a heading, a label, a paragraph, the page's title).
    [GeneratedRegex(@"<(?<tag>[a-z][a-z0-9]*)(?<attributes>[^>]*)>(?<text>[^<]*\p{L}[^<]*)<")]
    private static partial Regex TextElement();
}
