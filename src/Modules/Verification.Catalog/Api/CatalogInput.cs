using System.Text.RegularExpressions;

namespace Verification.Catalog.Api;

/// <summary>The shapes the catalog accepts; each check returns the reason a caller can act on, or null.</summary>
internal static partial class CatalogInput
{
    public const int MaxTitle = 200;

    public static string? Slug(string? slug) =>
        slug is { Length: <= 80 } && SlugPattern().IsMatch(slug) ? null : "slug must be 2 to 80 lower-case letters, digits and single hyphens, e.g. 'machine-learning'.";

    public static string? Title(string? title, string field = "title") =>
        !string.IsNullOrWhiteSpace(title) && title.Length <= MaxTitle ? null : $"{field} must be 1 to {MaxTitle} characters.";

    public static string? Country(string? country) =>
        country is not null && CountryPattern().IsMatch(country) ? null : "country must be an ISO 3166-1 alpha-2 code in capitals, e.g. 'CH'.";

    public static string? Currency(string? currency) =>
        currency is not null && CurrencyPattern().IsMatch(currency) ? null : "currency must be an ISO 4217 code in capitals, e.g. 'USD'.";

    public static string? Languages(IReadOnlyList<string>? languages) =>
        languages is { Count: > 0 and <= 20 } && languages.All(l => LanguagePattern().IsMatch(l)) && languages.Distinct().Count() == languages.Count
            ? null
            : "languages must list 1 to 20 distinct BCP 47 tags, e.g. [\"en\", \"fr-CA\"].";

    public static string? GradedItems(int gradedItems) =>
        gradedItems is >= 0 and <= 1000 ? null : "gradedItems must be between 0 and 1000.";

    public static string? FirstOf(params string?[] reasons) => reasons.FirstOrDefault(r => r is not null);

    [GeneratedRegex("^[a-z0-9](?:-?[a-z0-9]){1,79}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();
}
