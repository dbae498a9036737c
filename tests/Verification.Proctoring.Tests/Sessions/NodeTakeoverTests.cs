using Microsoft.AspNetCore.SignalR;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>A node killed mid-session and its player resuming on another node (docs/operations.md, "Several nodes").</summary>
public sealed class NodeTakeoverTests
{
    [Fact]
    public async Task A_player_whose_node_is_killed_resumes_on_another_node_and_its_verdict_counts_every_frame_and_typing_check_from_both()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        // A lease long enough that the first resume surely comes while the dead node's lease still runs (5 to 6 s after the kill).
        var settings = HostedLearner.NodeSettings(RedisServer.Shared, resumeGraceSeconds: 30, leaseSeconds: 6);
        await using var first = await hosted.StartHostAsync(settings);
        await using var second = await hosted.StartHostAsync(settings);
        var (player, token) = await hosted.StartPlayerAsync(first, "quiz-takeover");
        var frames = FaceSet.Enrolled.SessionFrames;
        // Two frames and the typing check on the first node: short of the three analysed frames a verdict needs, so
        // only a verdict that counts them together with the second node's can be Verified.
        var before = new[] { await player.SendFrameAndWaitAsync(frames[0]), await player.SendFrameAndWaitAsync(frames[1]) };
        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));

        await first.KillAsync();
        var (resumed, started, refusals) = await ResumeOnAsync(second, token, player.SessionId);
        await player.DisposeAsync();
        await using var _ = resumed;
        var after = new[] { await resumed.SendFrameAndWaitAsync(frames[2]), await resumed.SendFrameAndWaitAsync(frames[3]) };
        var final = await resumed.EndAsync();
        var stored = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);
        var typingChecks = await SessionRows.CountAsync(hosted.DataSource, "SELECT count(*)::int FROM proctoring.typing_checks WHERE session_id = @id", new { id = player.SessionId });
        var framesReceived = await SessionRows.CountAsync(hosted.DataSource, "SELECT frames_received FROM proctoring.sessions WHERE id = @id", new { id = player.SessionId });

        Assert.True(typing.Usable, typing.Message);
        Assert.Equal([1, 2], before.Select(f => f.Frame));
        Assert.NotEmpty(refusals);
        Assert.All(refusals, r => Assert.Contains("session_elsewhere", r, StringComparison.Ordinal));
        Assert.True(started.Resumed);
        Assert.Equal(player.SessionId, started.SessionId);
        Assert.Equal([3, 4], after.Select(f => f.Frame));
        Assert.True(final.Final);
        Assert.Equal("Verified", final.Verdict);
        Assert.Empty(final.Flags);
        Assert.Equal("ended", stored.Status);
        Assert.Equal("Verified", stored.Verdict);
        Assert.Equal(4, stored.Frames);
        Assert.Equal(4, framesReceived);
        Assert.Equal(1, typingChecks);
        Assert.Equal(0, stored.Cases);
    }

    [Fact]
    public async Task Evidence_against_the_learner_before_the_kill_still_counts_after_the_takeover()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        var settings = HostedLearner.NodeSettings(RedisServer.Shared, resumeGraceSeconds: 30);
        await using var first = await hosted.StartHostAsync(settings);
        await using var second = await hosted.StartHostAsync(settings);
        var (player, token) = await hosted.StartPlayerAsync(first, "quiz-takeover-impostor");
        foreach (var frame in FaceSet.Impostor.SessionFrames.Take(4))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        var mismatchBefore = await player.WaitForVerdictAsync(v => v.Flags.Any(f => f.Kind == "FaceMismatch"), TimeSpan.FromSeconds(10));
        await first.KillAsync();
        await player.DisposeAsync();
        var (resumed, started, _) = await ResumeOnAsync(second, token, player.SessionId);
        await using var _ = resumed;
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(2))
        {
            await resumed.SendFrameAndWaitAsync(frame);
        }

        await resumed.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var final = await resumed.EndAsync();

        Assert.NotNull(mismatchBefore);
        Assert.Equal("NeedsReview", started.Verdict);
        Assert.Equal("NeedsReview", final.Verdict);
        Assert.Contains(final.Flags, f => f.Kind == "FaceMismatch");
        Assert.Equal("High", final.Priority);
    }

    /// <summary>Resumes on <paramref name="node"/>, retrying while it answers <c>session_elsewhere</c> (up to 20 s); returns those refusals.</summary>
    private static async Task<(Player Player, SessionStarted Started, List<string> Refusals)> ResumeOnAsync(HostProcess node, string token, Guid sessionId)
    {
        var refusals = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var connection = node.BuildHubConnection();
            try
            {
                var (player, started) = await Player.ResumeAsync(connection, token, sessionId);
                return (player, started, refusals);
            }
            catch (HubException refused) when (refused.Message.Contains("session_elsewhere", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                refusals.Add(refused.Message);
                await connection.DisposeAsync();
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }
    }
}
