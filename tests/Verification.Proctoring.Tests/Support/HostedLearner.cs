using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// What the tests of real Host processes share: an empty database, a learner enrolled through the in-process app over
/// it, and Host processes started over that database with the test's settings.
/// </summary>
public sealed class HostedLearner : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly ProctoringApp _enrolling;

    private HostedLearner(TestDatabase database, ProctoringApp enrolling, TestLearner learner)
    {
        _database = database;
        _enrolling = enrolling;
        Learner = learner;
    }

    public TestLearner Learner { get; }

    public NpgsqlDataSource DataSource => _database.DataSource;

    public static async Task<HostedLearner> EnrollAsync(FaceSet set)
    {
        var database = await TestDatabase.CreateEmptyAsync();
        var enrolling = ProctoringApp.Over(database.ConnectionString);
        await enrolling.InitializeAsync();
        return new HostedLearner(database, enrolling, await SessionEnrollment.EnrollAsync(enrolling, set));
    }

    /// <summary>Settings of a node of several: the Redis backplane, a short lease renewed every second, and the resume grace.</summary>
    public static Dictionary<string, string> NodeSettings(string redis, int resumeGraceSeconds, int leaseSeconds = 3) => new()
    {
        ["Redis__Configuration"] = redis,
        ["Proctoring__Nodes__LeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Proctoring__Nodes__HeartbeatSeconds"] = "1",
        ["Proctoring__Nodes__ResumeGraceSeconds"] = resumeGraceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public string ConnectionString => _database.ConnectionString;

    /// <summary>A Host process over the learner's database, or over <paramref name="connectionString"/> (a relay to it that a test can cut).</summary>
    public Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null, string? connectionString = null) =>
        HostProcess.StartAsync(connectionString ?? _database.ConnectionString, _enrolling.PlatformApiKey, extraSettings: settings);

    /// <summary>
    /// Another node as the in-process Host over the same database, with the system clock: what a platform's call
    /// (LtiEndAssessment ends an attempt through <see cref="Contracts.EndAttemptSession"/>) does when it lands there.
    /// </summary>
    public async Task<ProctoringHostFactory> StartInProcessNodeAsync(IReadOnlyDictionary<string, string> settings)
    {
        var node = new ProctoringHostFactory(_database.ConnectionString, settings: settings);
        using var ready = node.CreateClient();
        (await ready.GetAsync("/health/ready", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        return node;
    }

    public static async Task<Contracts.AttemptSessionEnd> EndAttemptAsync(ProctoringHostFactory node, Contracts.EndAttemptSession command)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(command, TestContext.Current.CancellationToken);
    }

    /// <summary>A player connected to <paramref name="host"/> with a session opened by a new token for the assessment.</summary>
    public async Task<(Player Player, string Token)> StartPlayerAsync(HostProcess host, string assessmentId)
    {
        var token = await host.SessionTokenAsync(Learner, assessmentId);
        return (await Player.StartAsync(host.BuildHubConnection(), token), token);
    }

    public async ValueTask DisposeAsync()
    {
        await _enrolling.DisposeAsync();
        await _database.DisposeAsync();
    }
}
