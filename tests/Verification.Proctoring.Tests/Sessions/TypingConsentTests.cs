using Dapper;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// One consent rule for typing over the hub: under a live consent whose text does not name typing, neither a pledge
/// typing check nor answer typing is measured or kept, while the face checks go on.
/// </summary>
public sealed class TypingConsentTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consent_that_does_not_cover_typing_keeps_no_typing_check_and_no_answer_typing_and_the_face_checks_go_on()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using (var connection = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await connection.ExecuteAsync(
                "UPDATE proctoring.consents SET covers = ARRAY['face', 'id_photo'] WHERE learner_id = @LearnerId AND withdrawn_at IS NULL", new { learner.LearnerId });
        }

        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        var frame = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var answers = await player.SendAnswerTypingAsync(AnswerTypings.Of(seed: 5, keys: 50)[0]);
        await player.EndAsync();

        Assert.NotNull(frame.MatchScore);
        Assert.False(typing.Usable);
        Assert.Equal(TypingConsentGate.TypingNotConsented, typing.Code);
        Assert.Contains("does not cover your typing", typing.Message, StringComparison.Ordinal);
        Assert.False(answers.Recorded);
        Assert.Equal(TypingConsentGate.TypingNotConsented, answers.Code);
        Assert.Equal(0, await SessionRows.CountAsync(app.DataSource, "SELECT count(*)::int FROM proctoring.typing_checks WHERE session_id = @SessionId", new { player.SessionId }));
        Assert.Equal(0, await SessionRows.CountAsync(app.DataSource, "SELECT count(*)::int FROM proctoring.session_answer_typing WHERE session_id = @SessionId", new { player.SessionId }));
    }
}
