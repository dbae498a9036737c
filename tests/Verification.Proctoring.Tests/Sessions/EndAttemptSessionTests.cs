using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// Another module (LTI's LtiEndAssessment) ends an attempt's open session through the contract: the same single end
/// as the player's EndSession, with its final verdict; nothing is ended for another attempt or a session already ended.
/// </summary>
public sealed class EndAttemptSessionTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Fact]
    public async Task The_contract_ends_the_attempts_open_session_once_with_the_verdict_the_player_then_gets()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var assessment = $"lti-link-{Guid.NewGuid():N}";
        await using var player = await Player.StartAsync(Hubs.Build(app, "json"), await app.TokenAsync(learner, "session", assessment, 2));
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(2))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var otherAttempt = await EndAsync(new EndAttemptSession(learner.LearnerId, learner.CourseId, assessment, 1));
        var ended = await EndAsync(new EndAttemptSession(learner.LearnerId, learner.CourseId, assessment, 2));
        var again = await EndAsync(new EndAttemptSession(learner.LearnerId, learner.CourseId, assessment, 2));
        var playerEnd = await player.EndAsync();

        Assert.Null(otherAttempt.SessionId);
        Assert.Equal(player.SessionId, ended.SessionId);
        Assert.Contains(ended.Verdict, new[] { "Verified", "NeedsReview" });
        Assert.True(playerEnd.Final);
        Assert.Equal(ended.Verdict, playerEnd.Verdict);
        Assert.Null(again.SessionId);
        var stored = await SessionRows.LoadAsync(app.DataSource, player.SessionId);
        Assert.Equal("ended", stored.Status);
    }

    private async Task<AttemptSessionEnd> EndAsync(EndAttemptSession command)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
    }
}
