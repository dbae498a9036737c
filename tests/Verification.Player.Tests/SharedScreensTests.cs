using System.Text.RegularExpressions;
using Verification.Testing;

namespace Verification.Player.Tests;

/// <summary>
/// The course player (index.html) and its LTI page (lti.html) take the consent, alternatives and enrollment screens from
/// one file, enrollment-screens.html, which js/enrollment-screens.js puts in place of each page's template: no page holds
/// a copy of its own, and no id of the shared file is also an id of a page (getElementById would find the wrong one).
/// The browser tests (EnrollAndAssessTests, LtiLaunchInTheBrowserTests, the Localised ones) go through the screens.
/// </summary>
public sealed partial class SharedScreensTests
{
    private static readonly string Player = Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "wwwroot", "player");
    private static readonly string[] SharedScreens = ["screen-consent", "screen-alternatives", "screen-face", "screen-id", "screen-typing"];

    [Fact]
    public void The_shared_file_holds_each_enrollment_screen_once()
    {
        var ids = Ids(File.ReadAllText(Path.Combine(Player, "enrollment-screens.html")));

        Assert.All(SharedScreens, screen => Assert.Equal(1, ids.Count(id => id == screen)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("index.html", "main.js")]
    [InlineData("lti.html", "lti.js")]
    public void A_page_takes_the_enrollment_screens_from_the_shared_file_and_repeats_none_of_its_ids(string page, string script)
    {
        var html = File.ReadAllText(Path.Combine(Player, page));
        var code = File.ReadAllText(Path.Combine(Player, "js", script));
        var shared = Ids(File.ReadAllText(Path.Combine(Player, "enrollment-screens.html")));

        Assert.Equal(2, html.Split("<template id=\"enrollment-screens\"></template>").Length);
        Assert.Contains($"src=\"js/{script}\"", html, StringComparison.Ordinal);
        Assert.Contains("import { insertEnrollmentScreens } from \"./enrollment-screens.js\";", code, StringComparison.Ordinal);
        Assert.Contains("insertEnrollmentScreens();", code, StringComparison.Ordinal);
        Assert.Empty(Ids(html).Intersect(shared, StringComparer.Ordinal));
    }

    /// <summary>The ids of the elements, not of the comments (the shared file's own comment names the pages' template).</summary>
    private static List<string> Ids(string html) => [.. Id().Matches(Comment().Replace(html, "")).Select(m => m.Groups["id"].Value)];

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex("\\sid=\"(?<id>[^\"]+)\"")]
    private static partial Regex Id();
}
