using System.Text.Json;
using Microsoft.Playwright;
using Verification.Player.Tests.Support;

namespace Verification.Player.Tests;

/// <summary>The demo learner buys the verified track of the demo's second course with a test card, sees the receipt, then refunds it.</summary>
public sealed class BuyCertificateTests(PlayerFixture fixture) : IClassFixture<PlayerFixture>
{
    // DemoSeeder.SecondCourseId: DEMO-201, whose track the seed does not pay for (the demo course's track stays paid).
    private const string SecondCourse = "01935f00-0000-7000-8000-000000000009";

    [Fact]
    public async Task The_demo_learner_buys_a_verified_track_with_a_test_card_sees_the_receipt_and_can_refund_it()
    {
        await fixture.StartAsync();
        var page = await fixture.PageWithoutCameraAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync($"/player/buy.html?course={SecondCourse}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as the demo learner" }).ClickAsync();
        await page.Locator("#screen-offer").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var price = await page.Locator("#price").InnerTextAsync();
        await Screenshots.SaveAsync(page, "buy-certificate", "01-offer");
        await page.GetByLabel("Card number").FillAsync("4000 0000 0000 0002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.Locator("#pay-error:not(:empty)").WaitForAsync();
        var declined = await page.Locator("#pay-error").InnerTextAsync();
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.Locator("#screen-receipt").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await Screenshots.SaveAsync(page, "buy-certificate", "02-receipt");
        var receipt = await page.Locator("#receipt-number").InnerTextAsync();
        var status = await page.Locator("#receipt-status").InnerTextAsync();
        var refundVisible = await page.GetByRole(AriaRole.Button, new() { Name = "Refund my payment" }).IsVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund my payment" }).ClickAsync();
        await page.Locator("#refund-result:not(:empty)").WaitForAsync();
        await Screenshots.SaveAsync(page, "buy-certificate", "03-refunded");

        Assert.Equal("USD 49.00", price);
        Assert.Contains("card_declined", declined, StringComparison.Ordinal);
        Assert.StartsWith("R-", receipt, StringComparison.Ordinal);
        Assert.Equal("Paid", status);
        Assert.True(refundVisible);
        Assert.Equal("Refunded USD 49.00.", await page.Locator("#refund-result").InnerTextAsync());
        Assert.Equal("Refunded", await page.Locator("#receipt-status").InnerTextAsync());
        Assert.Equal("refunded", await page.Locator("#receipt-status").GetAttributeAsync("data-status"));
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Refund my payment" }).IsVisibleAsync());
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_buy_page_speaks_the_learners_language_from_the_player_locale_files_right_to_left_in_arabic()
    {
        await fixture.StartAsync();
        var page = await fixture.PageWithoutCameraAsync(new() { Locale = "ar" });
        var arabic = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(
            Path.Combine(Verification.Testing.RepositoryPaths.Root, "src", "Verification.Host", "wwwroot", "player", "locales", "ar.json"), TestContext.Current.CancellationToken))!;
        await page.GotoAsync($"/player/buy.html?course={SecondCourse}");

        await page.GetByRole(AriaRole.Button, new() { Name = arabic["signin.button"] }).ClickAsync();
        await page.Locator("#screen-offer").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var title = await page.Locator("#offer-title").InnerTextAsync();
        var card = page.GetByLabel(arabic["buy.card"]);
        await Screenshots.SaveAsync(page, "buy-certificate", "ar-offer");

        Assert.Equal(("ar", "rtl"), (await page.EvaluateAsync<string>("() => document.documentElement.lang"), await page.EvaluateAsync<string>("() => document.documentElement.dir")));
        Assert.StartsWith(arabic["buy.offerTitle"].Replace("{title}", "", StringComparison.Ordinal), title, StringComparison.Ordinal);
        Assert.True(await card.IsVisibleAsync());
        Assert.Equal(arabic["buy.pay"], await page.Locator("#pay").InnerTextAsync());
        Assert.Equal(arabic["buy.pageTitle"], await page.TitleAsync());
    }
}
