using Dapper;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// A typing check whose record fails after its consent was read (the database failing between the two) is answered
/// <c>typing_not_recorded</c> and not counted, as a frame that cannot be recorded is not: the live evidence never holds
/// a check that a node taking the session over could not read back, and the learner types again.
/// </summary>
public sealed class TypingCheckRecordFaultTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static readonly int Checks = Matching.Fusion.SessionScoreModels.Load(Verification.Testing.RepositoryPaths.Models).TypingChecksPerSession;

    [Fact]
    public async Task Typing_checks_that_cannot_be_recorded_are_not_counted_and_the_live_evidence_matches_the_record()
    {
        var cancel = TestContext.Current.CancellationToken;
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        await using var connection = await app.DataSource.OpenConnectionAsync(cancel);
        var trigger = $"refuse_typing_{player.SessionId:N}";

        // Only this session's inserts fail, with the error a database refusing the write raises (an NpgsqlException).
        await connection.ExecuteAsync($"""
            CREATE FUNCTION proctoring.{trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'typing check store unavailable'; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON proctoring.typing_checks FOR EACH ROW
            WHEN (NEW.session_id = '{player.SessionId}'::uuid) EXECUTE FUNCTION proctoring.{trigger}();
            """);
        var whileFailing = new List<(bool, string?)>();
        for (var i = 0; i < Checks + 2; i++)
        {
            var result = await player.SendKeystrokesAsync(FaceSet.TypingCheckOf(FaceSet.Impostor.Typist, i));
            whileFailing.Add((result.Usable, result.Code));
        }

        await connection.ExecuteAsync($"DROP TRIGGER {trigger} ON proctoring.typing_checks; DROP FUNCTION proctoring.{trigger}();");
        var afterwards = new List<bool>();
        for (var i = 0; i < Checks + 1; i++)
        {
            afterwards.Add((await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(i))).Usable);
        }

        var past = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        await player.EndAsync();
        var recorded = (await connection.QueryAsync<bool>(
            "SELECT usable FROM proctoring.typing_checks WHERE session_id = @id ORDER BY check_number", new { id = player.SessionId })).ToList();

        // Counted, the failed checks would have filled the session's count before the learner's own typing.
        Assert.All(whileFailing, r => Assert.Equal((false, "typing_not_recorded"), r));
        Assert.All(afterwards, Assert.True);
        Assert.Equal("typing_checks_complete", past.Code);
        Assert.Equal(Enumerable.Repeat(true, Checks + 1), recorded);
    }
}
