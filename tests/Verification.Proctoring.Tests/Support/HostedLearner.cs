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

    public Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        HostProcess.StartAsync(_database.ConnectionString, _enrolling.PlatformApiKey, extraSettings: settings);

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
