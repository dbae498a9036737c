using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Player.Tests.Support;

namespace Verification.Player.Tests;

/// <summary>
/// A reviewer's signed-in session ends after <c>Access:Staff:CookieLifetime</c> (8 hours by default) on the server's
/// clock, a fake one here: the API then answers 401 and the console goes back to sign-in, saying why.
/// </summary>
public sealed class StaffSessionExpiryTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private StaffPages? _pages;

    public async ValueTask InitializeAsync() => _pages = await StaffPages.StartAsync(_time);

    public async ValueTask DisposeAsync()
    {
        if (_pages is not null)
        {
            await _pages.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_the_configured_lifetime_the_api_answers_401_and_the_console_returns_to_sign_in()
    {
        StaffMemberCreated reviewer;
        await using (var scope = _pages!.Host.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new CreateStaffMember($"{Guid.CreateVersion7():N}@example.org", "Expiring Reviewer", StaffRoles.Reviewer, "test"), TestContext.Current.CancellationToken);
            reviewer = created.Created!;
        }

        await using var context = await _pages.Browser.NewContextAsync(new() { BaseURL = _pages.Host.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/reviewer/");
        await page.FillAsync("#sign-in-email", reviewer.Email);
        await page.FillAsync("#sign-in-password", reviewer.OneTimePassword);
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-new-password")).ToBeVisibleAsync();
        await page.FillAsync("#sign-in-password", reviewer.OneTimePassword);
        await page.FillAsync("#sign-in-new-password", "an expiring reviewer's passphrase");
        await page.ClickAsync("#sign-in button[type=submit]");
        await Assertions.Expect(page.Locator("#queue-section")).ToBeVisibleAsync();

        _time.Advance(Lifetime - TimeSpan.FromMinutes(1));
        var justBefore = await context.APIRequest.GetAsync("/api/v1/review-cases");
        _time.Advance(TimeSpan.FromMinutes(2));
        var after = await context.APIRequest.GetAsync("/api/v1/review-cases");
        await page.ClickAsync("#filters button[type=submit]");

        await Assertions.Expect(page.Locator("#sign-in-section")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queue-section")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Your session ended. Sign in again.");
        Assert.Equal(200, justBefore.Status);
        Assert.Equal(401, after.Status);
        Assert.Contains("sign_in_required", await after.TextAsync(), StringComparison.Ordinal);
    }
}
