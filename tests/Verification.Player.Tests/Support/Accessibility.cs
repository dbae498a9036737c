using System.Text.Json;
using Microsoft.Playwright;
using Verification.Testing;

namespace Verification.Player.Tests.Support;

/// <summary>axe-core from the page's npm packages, injected into the page; serious and critical violations fail the test.</summary>
internal static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(
        Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "wwwroot", "player", "node_modules", "axe-core", "axe.min.js")));

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string screen)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            // Evaluated through the DevTools protocol, not as a <script> tag: the page's CSP refuses inline scripts.
            await page.EvaluateAsync(AxeSource.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const results = await axe.run(document, { resultTypes: ["violations"] });
              return results.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
            }
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"axe-core on the {screen} screen:\n" + string.Join("\n", found));
    }
}
