using Microsoft.Playwright;
using Verification.Player.Tests.Support;

namespace Verification.Player.Tests;

/// <summary>
/// A learner who clicks the sign-in button while the page's language is still loading stays on the screen the sign-in
/// led to. CI once timed out waiting for the offer: the sign-in used a const the module had not reached yet (it was
/// still awaiting the language), and the page's start then put the sign-in screen back over whatever the click showed.
/// </summary>
public sealed class SignInBeforeLanguageTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    [Fact]
    public async Task A_click_on_the_buy_page_before_the_language_is_loaded_shows_the_offer_and_keeps_it_when_the_language_arrives()
    {
        await fixture.StartAsync();
        var browser = await fixture.BrowserWithoutCameraAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = fixture.Address.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var languageHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/player/locales/*.json", async route =>
        {
            await languageHeld.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync("/player/buy.html?course=01935f00-0000-7000-8000-000000000009", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as the demo learner" }).ClickAsync();
        await page.Locator("#screen-offer").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var languageLoadedBeforeSignIn = await page.EvaluateAsync<int>("() => document.getElementById('language-select').options.length");
        languageHeld.SetResult();
        await page.WaitForFunctionAsync("() => document.getElementById('language-select').options.length === 5");

        Assert.Equal(0, languageLoadedBeforeSignIn);
        Assert.Equal("USD 49.00", await page.Locator("#price").InnerTextAsync());
        Assert.True(await page.Locator("#screen-offer").IsVisibleAsync());
        Assert.True(await page.Locator("#screen-signin").IsHiddenAsync());
        await context.CloseAsync();
    }
}
