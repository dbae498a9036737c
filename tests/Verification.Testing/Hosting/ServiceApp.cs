using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verification.BuildingBlocks.Encryption;

namespace Verification.Testing.Hosting;

/// <summary>
/// The real Host (<typeparamref name="TEntryPoint"/>, the Host's <c>Program</c>) over a database of its own, with a fake
/// clock, the SMTP server <c>./test.sh</c> starts, and no test-only authentication: callers present real API keys and
/// real staff cookies (ServiceApp.Callers.cs). A test class uses it as its fixture; a test that needs other
/// settings or another database server makes one of its own with <see cref="Settings"/> or <see cref="ExternalConnectionString"/>.
/// </summary>
public partial class ServiceApp<TEntryPoint> : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
{
    private TestDatabase? _database;

    /// <summary>Configuration that replaces the defaults of <see cref="ConfigureWebHost"/> (for example <c>Smtp:Port</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Another database (a <see cref="PrivatePostgres"/> one); by default a fresh database of the test server.</summary>
    public string? ExternalConnectionString { get; init; }

    /// <summary>The SMTP server test.sh starts (smtp4dev), as host:port.</summary>
    public static string SmtpEndpoint => Environment.GetEnvironmentVariable("VERIFICATION_TEST_SMTP") ?? "127.0.0.1:2525";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started, or runs on another database server.");

    public string ConnectionString => ExternalConnectionString ?? Database.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        if (ExternalConnectionString is null)
        {
            _database = await TestDatabase.CreateEmptyAsync();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A client without any credential.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, TestContext.Current.CancellationToken);
    }

    public async Task<T> SendAsync<T>(IQuery<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, TestContext.Current.CancellationToken);
    }

    public async Task<T> SendAsync<T>(ICommand<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, TestContext.Current.CancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var smtp = SmtpEndpoint.Split(':');
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Verification"] = ConnectionString,
            ["Encryption:ActiveKeyId"] = "test1",
            ["Encryption:Keys:test1"] = EnvelopeEncryption.GenerateKey(),
            ["Audit:Key"] = Verification.BuildingBlocks.Audit.AuditKey.Generate(),
            ["Proctoring:TokenSigningKey"] = EnvelopeEncryption.GenerateKey(),
            ["Demo:Seed"] = "false",
            ["Smtp:Host"] = smtp[0],
            ["Smtp:Port"] = smtp[1],
            ["Smtp:PollSeconds"] = "0.2",
            ["Programs:PublicBaseUrl"] = "https://verify.example.org",
            // Tests sign in many times a minute from one address; the limits themselves are the Host tests' subject.
            ["Access:Staff:SignInsPerAddressPerMinute"] = "1000",
            ["Access:Staff:SignInsPerAccountPerMinute"] = "1000",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
