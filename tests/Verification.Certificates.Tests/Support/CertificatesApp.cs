using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Encryption;
using Verification.Testing;
using Verification.Testing.Contract;

namespace Verification.Certificates.Tests.Support;

/// <summary>
/// The real Host over a database of its own for a test class, with real API keys and signed-in staff (no test-only
/// scheme). The test server has no client address, so each request gets the one in <c>X-Test-Client</c>, as Kestrel would.
/// </summary>
public class CertificatesApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ClientAddressHeader = "X-Test-Client";
    private const string StaffPassword = "a long staff passphrase";
    private readonly IReadOnlyDictionary<string, string> _settings;
    private TestDatabase? _database;

    public CertificatesApp()
        : this(new Dictionary<string, string> { ["Certificates:PublicPageRequestsPerMinute"] = "10000" })
    {
    }

    protected CertificatesApp(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    // Near the real time: the test clients' cookie containers drop cookies whose expiry has passed by the real clock.
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>Where clients made with options send their requests: the test server, or Kestrel's address.</summary>
    protected virtual Uri ClientBaseAddress => new("http://localhost");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started.");

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        using var client = CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
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

    public async Task<T> SendAsync<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    public async Task PublishAsync(INotification notification)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(notification, TestContext.Current.CancellationToken);
    }

    public async Task<ApiKeyCreated> KeyAsync(Guid partnerId, params string[] scopes)
    {
        var result = await SendAsync(m => m.Send(new CreateApiKey(partnerId, scopes, "test key", "test"), TestContext.Current.CancellationToken));
        return result.Created ?? throw new InvalidOperationException("No key: " + result.Error);
    }

    public HttpClient WithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A signed-in staff member of <paramref name="role"/>, in a client that keeps the cookie.</summary>
    public async Task<HttpClient> StaffAsync(string role)
    {
        var created = await SendAsync(m => m.Send(new CreateStaffMember($"{Guid.NewGuid():N}@example.org", "Staff " + role, role, "test"), TestContext.Current.CancellationToken));
        var account = created.Created ?? throw new InvalidOperationException("No account: " + created.Error);
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = ClientBaseAddress });
        using var response = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = account.OneTimePassword, newPassword = StaffPassword }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>A learner token (enrollment purpose) minted through POST /api/v1/tokens with a key of the learner's partner.</summary>
    public async Task<HttpClient> LearnerAsync(string mintKey, Guid learnerId, Guid courseId)
    {
        using var minter = WithKey(mintKey);
        using var response = await minter.PostAsJsonAsync("/api/v1/tokens", new { learnerId, courseId, purpose = "enrollment" }, TestContext.Current.CancellationToken);
        var body = await response.ReadAsync<JsonElement>();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Verification", Database.ConnectionString);
        builder.UseSetting("Encryption:ActiveKeyId", "test1");
        builder.UseSetting("Encryption:Keys:test1", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Audit:Key", Verification.BuildingBlocks.Audit.AuditKey.Generate());
        builder.UseSetting("Proctoring:TokenSigningKey", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Access:Staff:SignInsPerAddressPerMinute", "1000");
        builder.UseSetting("Access:Staff:SignInsPerAccountPerMinute", "1000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
            services.AddRefusalContract();
        });
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address) ? address : IPAddress.Loopback;
                return following(context);
            });
            next(app);
        };
    }
}
