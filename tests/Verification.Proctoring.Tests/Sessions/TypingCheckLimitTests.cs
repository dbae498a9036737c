using Dapper;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// A session counts the typing checks it asks for (the first, one per prompt, one asked again after a mismatch) and no
/// more: a client that keeps sending the pledge cannot bank typing that outweighs later checks, nor grow the session.
/// </summary>
public sealed class TypingCheckLimitTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static readonly int Checks = Matching.Fusion.SessionScoreModels.Load(Verification.Testing.RepositoryPaths.Models).TypingChecksPerSession;

    [Fact]
    public async Task Typing_checks_past_the_sessions_count_are_refused_unscored_and_unrecorded()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);

        var counted = new List<bool>();
        for (var i = 0; i < Checks + 1; i++)
        {
            counted.Add((await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(i % 10))).Usable);
        }

        var past = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var impostorPast = await player.SendKeystrokesAsync(FaceSet.TypingCheckOf(FaceSet.Impostor.Typist, 0));
        await using var connection = await app.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var recorded = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM proctoring.typing_checks WHERE session_id = @id", new { id = player.SessionId });

        Assert.All(counted, Assert.True);
        Assert.Equal((false, "typing_checks_complete", (double?)null), (past.Usable, past.Code, past.GenuineProbability));
        Assert.Equal((false, "typing_checks_complete"), (impostorPast.Usable, impostorPast.Code));
        Assert.Equal(Checks + 1, recorded);
    }
}
