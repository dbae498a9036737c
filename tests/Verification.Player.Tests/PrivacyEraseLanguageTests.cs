using System.Text.Json;
using Microsoft.Playwright;
using Verification.Player.Tests.Support;

namespace Verification.Player.Tests;

/// <summary>
/// Erasure asks for a second click; a language switch between the two clicks must write the question again in the new
/// language, never the first label over a button that now erases at one click.
/// </summary>
public sealed class PrivacyEraseLanguageTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    [Fact]
    public async Task After_the_first_click_and_a_language_switch_the_erase_button_still_asks_to_confirm()
    {
        await fixture.StartAsync();
        var spanish = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(
            Path.Combine(Verification.Testing.RepositoryPaths.Root, "src", "Verification.Host", "wwwroot", "player", "locales", "es.json"), TestContext.Current.CancellationToken))!;
        var page = await fixture.PageWithoutCameraAsync();
        await page.GotoAsync("/player/index.html");
        await page.WaitForFunctionAsync("() => document.getElementById('language-select').options.length === 5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as the demo learner" }).ClickAsync();
        await page.Locator("#privacy-erase:not([disabled])").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("details:has(#privacy-erase) > summary").ClickAsync();

        await page.Locator("#privacy-erase").ClickAsync();
        await page.Locator("#language-select").SelectOptionAsync("es");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'es'");

        Assert.Equal(spanish["privacy.eraseConfirm"], await page.Locator("#privacy-erase").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
