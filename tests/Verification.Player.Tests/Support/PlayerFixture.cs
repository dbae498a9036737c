using Microsoft.Playwright;
using Verification.Testing;

namespace Verification.Player.Tests.Support;

/// <summary>
/// One Host over one database, Playwright, and one Chromium per fake camera, shared by a test class. Started on first
/// use, so a test can skip (no shared data, no chromium) before anything is built.
/// </summary>
public class PlayerFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, IBrowser> _browsers = [];
    private readonly string _work = Directory.CreateTempSubdirectory("verification-player-").FullName;
    private TestDatabase? _database;
    private PlayerHost? _host;
    private IPlaywright? _playwright;
    private Task? _once;

    /// <summary>Settings the Host gets beyond the test defaults (a fixture for learners of one language names its learner).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    internal Uri Address => _host?.Address ?? throw new InvalidOperationException("Call StartAsync first.");

    internal TestDatabase Database => _database ?? throw new InvalidOperationException("Call StartAsync first.");

    internal IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("Call StartAsync first.");

    internal HttpClient CreateClient() => _host?.CreateClient() ?? throw new InvalidOperationException("Call StartAsync first.");

    internal async Task StartAsync()
    {
        Browsers.RequireChromium();
        await _gate.WaitAsync();
        try
        {
            if (_host is null)
            {
                _database = await TestDatabase.CreateEmptyAsync();
                _host = new PlayerHost(_database.ConnectionString, settings: Settings);
                _ = _host.Address;
                _playwright = await Playwright.CreateAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A browser whose camera plays these photos of one person, built once per name.</summary>
    /// <summary>Playwright's descriptor of a device (viewport, user agent, touch), e.g. "Pixel 5"; after <see cref="StartAsync"/>.</summary>
    internal BrowserNewContextOptions Device(string name) => _playwright?.Devices[name] ?? throw new InvalidOperationException("Call StartAsync first.");

    internal async Task<IBrowser> BrowserWithCameraAsync(string name, IReadOnlyList<string> photos)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_browsers.TryGetValue(name, out var browser))
            {
                var video = await FakeCamera.BuildAsync(photos, Path.Combine(_work, name + ".y4m"));
                browser = await Browsers.WithCameraAsync(_playwright!, video);
                _browsers[name] = browser;
            }

            return browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal async Task<IBrowser> BrowserWithoutCameraAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_browsers.TryGetValue("", out var browser))
            {
                browser = await Browsers.WithoutCameraAsync(_playwright!);
                _browsers[""] = browser;
            }

            return browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A page in a context of its own on the Host, without a camera, with the steps' 30 s limit; close its context when done.</summary>
    internal async Task<IPage> PageWithoutCameraAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new();
        options.BaseURL = Address.ToString();
        var context = await (await BrowserWithoutCameraAsync()).NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Runs <paramref name="action"/> the first time it is asked for; later callers share its outcome.</summary>
    internal Task OnceAsync(Func<Task> action)
    {
        lock (_browsers)
        {
            return _once ??= action();
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        foreach (var browser in _browsers.Values)
        {
            await browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
        _gate.Dispose();
    }
}
