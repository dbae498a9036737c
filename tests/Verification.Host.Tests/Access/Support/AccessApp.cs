using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;
using Verification.Access.Contracts;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;
using Verification.Testing;

namespace Verification.Host.Tests.Access.Support;

/// <summary>
/// One Host over its own database for a test class, with helpers that make partners, learners, keys and signed-in
/// staff the way an operator would. Subclasses change settings (limits) for the classes that test them.
/// </summary>
public class AccessApp : IAsyncLifetime
{
    public const string StaffPassword = "a long staff passphrase";
    private readonly Dictionary<string, string?> _settings;
    private TestDatabase? _database;
    private AccessHostFactory? _factory;

    public AccessApp()
        : this(new Dictionary<string, string?> { ["Access:Staff:SignInsPerAddressPerMinute"] = "1000", ["Access:Staff:SignInsPerAccountPerMinute"] = "1000" })
    {
    }

    protected AccessApp(Dictionary<string, string?> settings) => _settings = settings;

    // Near the real time: the test clients' cookie containers drop cookies whose expiry has passed by the real clock.
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public AccessHostFactory Factory => _factory ?? throw new InvalidOperationException("The app has not started.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started.");

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        _factory = new AccessHostFactory(_database.ConnectionString, Time, _settings);
        using var client = _factory.CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public HttpClient Client(bool cookies = false) => Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = cookies });

    public async Task<TResponse> SendAsync<TResponse>(Func<IMediator, ValueTask<TResponse>> send)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    /// <summary>A partner with one course and one learner enrolled in it.</summary>
    public async Task<TestPartner> CreatePartnerAsync()
    {
        var partner = new TestPartner(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var track = Guid.CreateVersion7();
        var cancel = TestContext.Current.CancellationToken;
        await SendAsync(m => m.Send(new CreatePartner(partner.PartnerId, "Partner " + partner.PartnerId.ToString("N")[^6..]), cancel));
        await SendAsync(m => m.Send(new CreateCourse(partner.CourseId, partner.PartnerId, "C-" + partner.CourseId.ToString("N")[^12..], "Course", track, 100, "EUR"), cancel));
        await SendAsync(m => m.Send(new RegisterLearner(partner.LearnerId, "Grace Learner", $"{partner.LearnerId:N}@example.org", partner.PartnerId), cancel));
        await SendAsync(m => m.Send(new EnrollLearner(Guid.CreateVersion7(), partner.LearnerId, partner.CourseId, track), cancel));
        return partner;
    }

    public async Task<ApiKeyCreated> CreateKeyAsync(Guid partnerId, params string[] scopes)
    {
        var result = await SendAsync(m => m.Send(new CreateApiKey(partnerId, scopes, "test key", "test"), TestContext.Current.CancellationToken));
        return result.Created ?? throw new InvalidOperationException("No key: " + result.Error);
    }

    /// <summary>A staff account of the role, signed in (its one-time password replaced), in a client that keeps the cookie.</summary>
    public async Task<(HttpClient Client, StaffMemberCreated Account)> StaffAsync(string role)
    {
        var account = await CreateStaffAsync(role);
        var client = Client(cookies: true);
        using var response = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = account.OneTimePassword, newPassword = StaffPassword }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (client, account);
    }

    public async Task<StaffMemberCreated> CreateStaffAsync(string role)
    {
        var result = await SendAsync(m => m.Send(new CreateStaffMember($"{Guid.NewGuid():N}@example.org", "Staff " + role, role, "test"), TestContext.Current.CancellationToken));
        return result.Created ?? throw new InvalidOperationException("No account: " + result.Error);
    }

    /// <summary>A learner token minted through POST /api/v1/tokens with a key of the learner's partner.</summary>
    public async Task<string> TokenAsync(TestPartner partner, string key, string purpose = "enrollment", string? assessmentId = null)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { partner.LearnerId, partner.CourseId, purpose, assessmentId }) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    public static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || text.Length == 0)
        {
            return null;
        }

        using var body = JsonDocument.Parse(text);
        return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}

public sealed record TestPartner(Guid PartnerId, Guid CourseId, Guid LearnerId);
