using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verification.Access.Contracts;
using Verification.Billing.Payments.Local;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Encryption;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;
using Verification.Testing;
using Verification.Testing.Contract;

namespace Verification.Billing.Tests.Support;

/// <summary>
/// The real Host over a database of its own for a test class, with a fake clock, the local payment provider delivering
/// its signed webhooks through the Host's own HTTP pipeline, and learners who call with tokens minted by a real partner key.
/// </summary>
public class BillingApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string WebhookSecret = "billing-tests-webhook-secret-0123456789abcdef";
    private TestDatabase? _database;

    // Near the real time: learner tokens are checked against the real clock by the bearer handler.
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>While true, the local provider's webhooks are lost on the way: the sender sees 200, the Host sees nothing.</summary>
    public bool LoseWebhooks { get; set; }

    /// <summary>The bodies of the webhooks lost while <see cref="LoseWebhooks"/> was on, for a test to deliver late.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> LostWebhooks { get; } = new();

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started.");

    internal LocalTestProvider Provider => Services.GetRequiredService<LocalTestProvider>();

    private string? _connectionString;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await PrepareDatabaseAsync();
        using var client = CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>The database the Host will use: a copy of the template for this class; a subclass may bring its own server.</summary>
    protected virtual async ValueTask<string> PrepareDatabaseAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        return _database.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public async Task<T> SendAsync<T>(Func<IMediator, ValueTask<T>> send)
    {
        await using var scope = Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    /// <summary>A partner with a course whose verified track costs <paramref name="priceMinor"/>, and a learner of it, enrolled, with a token.</summary>
    public async Task<TestLearner> LearnerAsync(long priceMinor = 4900, string currency = "USD")
    {
        var cancel = TestContext.Current.CancellationToken;
        var partnerId = Guid.CreateVersion7();
        var courseId = Guid.CreateVersion7();
        var trackId = Guid.CreateVersion7();
        var learnerId = Guid.CreateVersion7();
        await SendAsync(m => m.Send(new CreatePartner(partnerId, "Partner " + partnerId.ToString("N")[^6..]), cancel));
        await SendAsync(m => m.Send(new CreateCourse(courseId, partnerId, "B-" + courseId.ToString("N")[^12..], "Billing course", trackId, priceMinor, currency), cancel));
        await SendAsync(m => m.Send(new RegisterLearner(learnerId, "Grace Buyer", $"{learnerId:N}@example.org", partnerId), cancel));
        await SendAsync(m => m.Send(new EnrollLearner(Guid.CreateVersion7(), learnerId, courseId, trackId), cancel));
        var key = await SendAsync(m => m.Send(new CreateApiKey(partnerId, [ApiScopes.TokensMint], "billing test key", "test"), cancel));
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { learnerId, courseId, purpose = "enrollment" }) };
        request.Headers.Add("X-Api-Key", key.Created!.Key);
        using var response = await client.SendAsync(request, cancel);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel));
        var learner = CreateClient();
        learner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
        return new TestLearner(this, partnerId, courseId, trackId, learnerId, priceMinor, learner);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Verification", _connectionString);
        builder.UseSetting("Encryption:ActiveKeyId", "test1");
        builder.UseSetting("Encryption:Keys:test1", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Audit:Key", Verification.BuildingBlocks.Audit.AuditKey.Generate());
        builder.UseSetting("Proctoring:TokenSigningKey", EnvelopeEncryption.GenerateKey());
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Billing:WebhookSecret", WebhookSecret);
        builder.UseSetting("Access:Staff:SignInsPerAddressPerMinute", "1000");
        builder.UseSetting("Access:Staff:SignInsPerAccountPerMinute", "1000");
        builder.UseSetting("Billing:LocalWebhookUrl", "http://localhost/api/v1/billing/webhooks/local");
        // The tests run renewals themselves after moving the clock; a timer on that clock would race them.
        builder.UseSetting("Billing:RenewalIntervalSeconds", "0");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            // Every problem answer a test provokes must be one its endpoint declares in the API document.
            services.AddRefusalContract();
            // The provider's webhooks travel through the test server: the real HTTP pipeline, without a socket.
            services.AddHttpClient(LocalWebhookSender.ClientName).ConfigurePrimaryHttpMessageHandler(() => new LosingNetwork(this) { InnerHandler = Server.CreateHandler() });
            ConfigureServices(services);
        });
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A staff member of <paramref name="role"/> signed in through the real sign-in endpoint, in a client that keeps the cookie.</summary>
    public async Task<HttpClient> StaffAsync(string role)
    {
        var cancel = TestContext.Current.CancellationToken;
        var account = await SendAsync(m => m.Send(new CreateStaffMember($"{Guid.NewGuid():N}@example.org", "Staff " + role, role, "test"), cancel));
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var response = await client.PostAsJsonAsync(
            "/api/v1/staff/sign-in", new { email = account.Created!.Email, password = account.Created.OneTimePassword, newPassword = "a long staff passphrase" }, cancel);
        response.EnsureSuccessStatusCode();
        return client;
    }

    private sealed class LosingNetwork(BillingApp app) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!app.LoseWebhooks)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            app.LostWebhooks.Enqueue(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }
}
