using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// One Host over its own database for a test class, with helpers to register learners and get their tokens the way a
/// course platform does. Tests make their own learners, so tests of a class can share one app.
/// </summary>
public sealed class ProctoringApp : IAsyncLifetime
{
    private readonly string? _connectionString;
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private TestDatabase? _database;
    private ProctoringHostFactory? _factory;
    private NpgsqlDataSource? _dataSource;

    public ProctoringApp()
    {
    }

    private ProctoringApp(string? connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        _connectionString = connectionString;
        _settings = settings;
    }

    /// <summary>An app over a database the test manages itself (a private cluster it stops and starts, a child Host's database).</summary>
    public static ProctoringApp Over(string connectionString) => new(connectionString);

    /// <summary>An app over its own database with these settings (configuration keys, <c>Section:Key</c>) on top of the test ones.</summary>
    public static ProctoringApp With(IReadOnlyDictionary<string, string> settings) => new(null, settings);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public ProctoringHostFactory Factory => _factory ?? throw new InvalidOperationException("The app has not started.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>The app's database, whichever way it was made.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? _database?.DataSource ?? throw new InvalidOperationException("The app has not started.");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The partner every learner of this app belongs to, and its API key (tokens:mint, identity:read).</summary>
    public Guid PartnerId { get; } = Guid.CreateVersion7();

    public string PlatformApiKey { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (_connectionString is null)
        {
            _database = await TestDatabase.CreateEmptyAsync();
        }
        else
        {
            _dataSource = NpgsqlDataSource.Create(_connectionString);
        }

        _factory = new ProctoringHostFactory(_connectionString ?? _database!.ConnectionString, Time, settings: _settings);
        Client = _factory.CreateClient();
        await using var scope = Factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new CreatePartner(PartnerId, "Test University"), TestContext.Current.CancellationToken);
        var key = await mediator.Send(new CreateApiKey(PartnerId, [ApiScopes.TokensMint, ApiScopes.IdentityRead], "Test platform", "test"), TestContext.Current.CancellationToken);
        PlatformApiKey = key.Created!.Key;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    /// <summary>A new learner enrolled in a new course of the app's partner, through the modules' contracts.</summary>
    public async Task<TestLearner> CreateLearnerAsync(string fullName)
    {
        var learner = new TestLearner(Guid.CreateVersion7(), Guid.CreateVersion7(), fullName);
        await using var scope = Factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var track = Guid.CreateVersion7();
        var cancel = TestContext.Current.CancellationToken;
        await mediator.Send(new CreateCourse(learner.CourseId, PartnerId, "T-" + learner.CourseId.ToString("N")[^12..], "Test course", track, 4900, "USD"), cancel);
        await mediator.Send(new RegisterLearner(learner.LearnerId, fullName, $"{learner.LearnerId:N}@example.org", PartnerId), cancel);
        await mediator.Send(new EnrollLearner(Guid.CreateVersion7(), learner.LearnerId, learner.CourseId, track), cancel);
        return learner;
    }

    /// <summary>A token minted through POST /api/v1/tokens with the platform's API key.</summary>
    public async Task<string> TokenAsync(TestLearner learner, string purpose = "enrollment", string? assessmentId = null, int? attempt = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens")
        {
            Content = JsonContent.Create(new { learner.LearnerId, learner.CourseId, purpose, assessmentId, attempt }),
        };
        request.Headers.Add("X-Api-Key", PlatformApiKey);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>A learner with an enrollment token who has accepted the current consent text.</summary>
    public async Task<(TestLearner Learner, string Token)> ConsentingLearnerAsync(string fullName)
    {
        var learner = await CreateLearnerAsync(fullName);
        var token = await TokenAsync(learner);
        await AcceptCurrentConsentAsync(learner, token);
        return (learner, token);
    }

    /// <summary>The version of the consent text the service shows now, read the way the player reads it.</summary>
    public async Task<int> CurrentConsentVersionAsync(TestLearner learner, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent", token);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("current").GetProperty("version").GetInt32();
    }

    /// <summary>Accepts the consent text shown now, whatever its version, as the player does.</summary>
    public async Task AcceptCurrentConsentAsync(TestLearner learner, string token)
    {
        var version = await CurrentConsentVersionAsync(learner, token);
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/consent", token, JsonContent.Create(new { version }));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Replaces the learner's live consent with an acceptance of an older text, recorded as the service recorded it
    /// while that text was current (its version, language and the covers of that version): a learner who accepted it
    /// then and has not been back since.
    /// </summary>
    public async Task AcceptOlderConsentAsync(TestLearner learner, int version, string language = "en")
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("""
            UPDATE proctoring.consents SET withdrawn_at = @now WHERE learner_id = @LearnerId AND withdrawn_at IS NULL;
            INSERT INTO proctoring.consents (id, learner_id, version, language, covers, accepted_at)
            SELECT gen_random_uuid(), @LearnerId, version, @language, covers, @now FROM proctoring.consent_texts WHERE version = @version;
            """, new { learner.LearnerId, version, language, now = Time.GetUtcNow() });
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

public sealed record TestLearner(Guid LearnerId, Guid CourseId, string FullName);
