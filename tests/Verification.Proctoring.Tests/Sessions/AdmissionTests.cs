using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>A Host driven past small configured limits (docs/operations.md, "Admission control").</summary>
public sealed class AdmissionTests
{
    [Fact]
    public async Task Past_its_shed_limit_a_node_refuses_new_sessions_with_a_retry_hint_keeps_the_open_ones_and_admits_again_when_load_drops()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        var learner = hosted.Learner;
        await using var host = await hosted.StartHostAsync(new Dictionary<string, string>
        {
            ["Proctoring__Sessions__MaxConcurrentAnalyses"] = "1",
            ["Proctoring__Admission__WindowSeconds"] = "4",
            ["Proctoring__Admission__MaxShedFraction"] = "0.3",
            ["Proctoring__Admission__MinFramesInWindow"] = "6",
            ["Proctoring__Admission__MaxLiveSessions"] = "2",
        });

        var (busy, _) = await hosted.StartPlayerAsync(host, "quiz-busy");
        var lateToken = await host.SessionTokenAsync(learner, "quiz-late");
        var secondToken = await host.SessionTokenAsync(learner, "quiz-second");
        var thirdToken = await host.SessionTokenAsync(learner, "quiz-third");
        var refusedBefore = await host.MetricAsync("verification_sessions_refused_total", "reason=\"server_busy\"");
        // A burst far faster than one analysis at a time: the waiting frames are shed (newest kept).
        var frames = FaceSet.Enrolled.SessionFrames;
        var accepted = new List<FrameAccepted>();
        for (var i = 0; i < 12; i++)
        {
            accepted.Add(await busy.SendFrameAsync(frames[i % frames.Count]));
        }

        await using var late = host.BuildHubConnection();
        await late.StartAsync(TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<HubException>(() => late.InvokeAsync<SessionStarted>("StartSession", lateToken, TestContext.Current.CancellationToken));

        using var tokenRefused = await host.RequestSessionTokenAsync(learner, "quiz-refused");
        var tokenRefusedDetail = await Problems.AssertAsync(tokenRefused, System.Net.HttpStatusCode.ServiceUnavailable, "server_busy");
        var retryAfter = tokenRefused.Headers.RetryAfter?.Delta;

        var typing = await busy.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var final = await busy.EndAsync();
        var stored = await SessionRows.LoadAsync(hosted.DataSource, busy.SessionId);

        // The window passes without frames: the node admits again, up to its cap of live sessions.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var admitted = await late.InvokeAsync<SessionStarted>("StartSession", lateToken, TestContext.Current.CancellationToken);
        var second = await Player.StartAsync(host.BuildHubConnection(), secondToken);
        await using var third = host.BuildHubConnection();
        await third.StartAsync(TestContext.Current.CancellationToken);
        var capped = await Assert.ThrowsAsync<HubException>(async () => await third.InvokeAsync<SessionStarted>("StartSession", thirdToken, TestContext.Current.CancellationToken));
        var refusedAfter = await host.MetricAsync("verification_sessions_refused_total", "reason=\"server_busy\"");
        await busy.DisposeAsync();
        await second.DisposeAsync();

        Assert.All(accepted, a => Assert.Null(a.Code));
        Assert.Contains("server_busy: the service is at capacity", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Retry in 4 seconds", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(4), retryAfter);
        Assert.Contains("Retry in 4 seconds", tokenRefusedDetail, StringComparison.Ordinal);
        // The hub's refusal, the HTTP one and the capped one.
        Assert.Equal(3, refusedAfter - refusedBefore);
        Assert.True(typing.Usable, typing.Message);
        Assert.True(final.Final);
        Assert.Equal("NeedsReview", final.Verdict);
        Assert.Contains(final.Flags, f => f.Kind == "InsufficientEvidence");
        Assert.Equal("ended", stored.Status);
        Assert.Equal("NeedsReview", stored.Verdict);
        Assert.True(stored.Frames < 12, $"{stored.Frames} of 12 frames were analysed: the burst was not shed");
        Assert.Equal(1, stored.Cases);
        Assert.False(admitted.Resumed);
        Assert.NotEqual(Guid.Empty, second.SessionId);
        Assert.Contains("server_busy", capped.Message, StringComparison.Ordinal);
        Assert.Contains("limit of 2 sessions", capped.Message, StringComparison.Ordinal);
    }
}
