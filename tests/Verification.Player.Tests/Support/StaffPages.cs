using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Verification.Testing;

namespace Verification.Player.Tests.Support;

/// <summary>
/// What a staff page test needs: the Host over a database of its own (the demo seed included) and a Chromium without a
/// camera, staff pages needing none.
/// </summary>
internal sealed class StaffPages : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly IPlaywright _playwright;

    private StaffPages(TestDatabase database, PlayerHost host, IPlaywright playwright, IBrowser browser)
    {
        _database = database;
        Host = host;
        _playwright = playwright;
        Browser = browser;
    }

    public PlayerHost Host { get; }

    public IBrowser Browser { get; }

    public static async Task<StaffPages> StartAsync(FakeTimeProvider? time = null)
    {
        Browsers.RequireChromium();
        var database = await TestDatabase.CreateEmptyAsync();
        var host = new PlayerHost(database.ConnectionString, time);
        _ = host.Address;
        var playwright = await Playwright.CreateAsync();
        return new StaffPages(database, host, playwright, await Browsers.WithoutCameraAsync(playwright));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
        await _database.DisposeAsync();
    }
}
