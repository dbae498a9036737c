using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>The Host killed with SIGKILL in the middle of a session, then started again on the same database.</summary>
public sealed class HostCrashTests
{
    [Fact]
    public async Task A_session_open_when_the_host_is_killed_is_closed_as_interrupted_with_its_case_and_evidence_at_the_next_start()
    {
        // The in-process app registers and enrolls the learner (through the modules' contracts and the HTTP API).
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        // No grace for a player to resume on another node: this is the one node, and its player does not come back.
        var settings = new Dictionary<string, string> { ["Proctoring__Nodes__ResumeGraceSeconds"] = "0" };

        await using var host = await hosted.StartHostAsync(settings);
        var (player, token) = await hosted.StartPlayerAsync(host, "quiz-crash");
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(2).Concat(FaceSet.Impostor.SessionFrames.Take(4)))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var mismatchLive = await player.WaitForVerdictAsync(v => v.Flags.Any(f => f.Kind == "FaceMismatch"), TimeSpan.FromSeconds(10));
        await host.KillAsync();
        var afterKill = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);
        await player.DisposeAsync();

        await using var restarted = await hosted.StartHostAsync(settings);
        var closed = await SessionRows.WaitForEndAsync(hosted.DataSource, player.SessionId);
        await using var reconnect = restarted.BuildHubConnection();
        await reconnect.StartAsync(TestContext.Current.CancellationToken);
        var resume = await Assert.ThrowsAsync<HubException>(() => reconnect.InvokeAsync<SessionStarted>("ResumeSession", token, player.SessionId, TestContext.Current.CancellationToken));
        var reuse = await Assert.ThrowsAsync<HubException>(() => reconnect.InvokeAsync<SessionStarted>("StartSession", token, TestContext.Current.CancellationToken));
        var newAttempt = await reconnect.InvokeAsync<SessionStarted>("StartSession", await restarted.SessionTokenAsync(hosted.Learner, "quiz-crash", attempt: 2), TestContext.Current.CancellationToken);

        Assert.NotNull(mismatchLive);
        Assert.Equal("open", afterKill.Status);
        Assert.True(afterKill.Evidence > 0, "the live FaceMismatch kept evidence frames before the kill");
        Assert.Equal("interrupted", closed.Status);
        Assert.Equal("NeedsReview", closed.Verdict);
        Assert.Equal(["SessionInterrupted"], closed.Flags);
        Assert.Equal(1, closed.Cases);
        Assert.Equal(6, closed.Frames);
        Assert.Equal(afterKill.Evidence, closed.Evidence);
        Assert.Contains("session_interrupted", resume.Message, StringComparison.Ordinal);
        Assert.Contains("token_used", reuse.Message, StringComparison.Ordinal);
        Assert.False(newAttempt.Resumed);
        Assert.Equal("NeedsReview", await SessionRows.WaitForCertificatesAsync(hosted.DataSource, player.SessionId));
    }
}
