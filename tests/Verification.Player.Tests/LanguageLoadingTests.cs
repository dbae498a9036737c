using Microsoft.Playwright;
using Verification.Player.Tests.Support;

namespace Verification.Player.Tests;

/// <summary>
/// A page whose language arrives late or not at all. A learner who clicks "Sign in" while the language is still loading
/// stays on the screen the click led to (CI once timed out waiting for the offer: the sign-in used a const the module had
/// not reached yet, and the page's start then put the sign-in screen back over it); a page whose language files fail
/// still binds its forms and offers the languages by code.
/// </summary>
public sealed class LanguageLoadingTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    [Fact]
    public async Task A_click_on_the_buy_page_before_the_language_is_loaded_shows_the_offer_and_keeps_it_when_the_language_arrives()
    {
        await fixture.StartAsync();
        var page = await fixture.PageWithoutCameraAsync();
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
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_player_whose_language_files_cannot_be_loaded_still_binds_its_quiz_and_offers_the_languages_by_code()
    {
        await fixture.StartAsync();
        var page = await fixture.PageWithoutCameraAsync();
        await page.RouteAsync("**/player/locales/*.json", route => route.FulfillAsync(new() { Status = 503, Body = "unavailable" }));
        await page.GotoAsync("/player/index.html");

        await page.WaitForFunctionAsync("() => document.getElementById('language-select').options.length === 5");

        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('quiz').onsubmit !== null"));
        Assert.Equal("en", await page.Locator("#language-select option").First.InnerTextAsync());
        Assert.Equal("Sign in as the demo learner", await page.Locator("#signin-button").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
