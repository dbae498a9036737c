using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Verification.Proctoring.Contracts;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>Two real Host processes on loopback ports, one PostgreSQL, one Redis (docs/operations.md, "Several nodes").</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task A_node_starting_leaves_the_sessions_of_a_live_node_open_and_once_that_node_is_killed_and_its_player_never_returns_closes_them_after_the_resume_grace()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        var settings = HostedLearner.NodeSettings(RedisServer.Shared, resumeGraceSeconds: 4);

        await using var first = await hosted.StartHostAsync(settings);
        var (player, token) = await hosted.StartPlayerAsync(first, "quiz-nodes");
        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);

        await using var second = await hosted.StartHostAsync(settings);
        // Several leases and sweeps of the second node pass while the first one serves the session.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var whileBothLive = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);
        var laterFrame = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[1]);
        await using (var elsewhere = second.BuildHubConnection())
        {
            await elsewhere.StartAsync(TestContext.Current.CancellationToken);
            var refused = await Assert.ThrowsAsync<HubException>(() => elsewhere.InvokeAsync<SessionStarted>("ResumeSession", token, player.SessionId, TestContext.Current.CancellationToken));
            Assert.Contains("session_elsewhere", refused.Message, StringComparison.Ordinal);
        }

        await first.KillAsync();
        var killedAt = DateTime.UtcNow;
        await player.DisposeAsync();
        // The lease runs out 2 to 3 s after the kill; the grace keeps the session open 4 s more for its player.
        await Task.Delay(TimeSpan.FromSeconds(4.5), TestContext.Current.CancellationToken);
        var withinGrace = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);
        var closed = await SessionRows.WaitForEndAsync(hosted.DataSource, player.SessionId);
        var closedAfter = DateTime.UtcNow - killedAt;

        Assert.Equal("open", whileBothLive.Status);
        Assert.Equal(2, laterFrame.Frame);
        Assert.Equal("open", withinGrace.Status);
        Assert.Equal("interrupted", closed.Status);
        Assert.True(closedAfter < TimeSpan.FromSeconds(15), $"closed {closedAfter.TotalSeconds:F1} s after the kill");
        Assert.Equal("NeedsReview", closed.Verdict);
        Assert.Equal(["SessionInterrupted"], closed.Flags);
        Assert.Equal(2, closed.Frames);
    }

    [Fact]
    public async Task With_redis_stopped_a_node_serves_its_players_takes_new_ones_and_says_degraded_and_once_redis_is_back_an_end_crosses_nodes_again()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        await using var redis = await RedisServer.StartAsync();
        var settings = HostedLearner.NodeSettings(redis.Configuration, resumeGraceSeconds: 30);
        var frames = FaceSet.Enrolled.SessionFrames;
        await using var host = await hosted.StartHostAsync(settings);
        await using var other = await hosted.StartInProcessNodeAsync(settings);
        var before = await ReadinessAsync(host, "Healthy");
        var (early, _) = await hosted.StartPlayerAsync(host, "quiz-redis-early");
        await early.SendFrameAndWaitAsync(frames[0]);

        await redis.KillAsync();
        var during = await ReadinessAsync(host, "Degraded");
        var earlyFrame = await early.SendFrameAndWaitAsync(frames[1]);
        // A player who connects while Redis is away sits a whole session: frames, typing check, verdict.
        var (late, _) = await hosted.StartPlayerAsync(host, "quiz-redis-late");
        var lateFrames = new[] { await late.SendFrameAndWaitAsync(frames[0]), await late.SendFrameAndWaitAsync(frames[1]), await late.SendFrameAndWaitAsync(frames[2]) };
        var lateTyping = await late.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var lateEnd = await late.EndAsync();
        var earlyEnd = await early.EndAsync();
        // A platform's end landing on the other node cannot reach this one: the session goes on where it is.
        var (third, _) = await hosted.StartPlayerAsync(host, "quiz-redis-third");
        await using var thirdPlayer = third;
        await third.SendFrameAndWaitAsync(frames[0]);
        var thirdEnd = new EndAttemptSession(hosted.Learner.LearnerId, hosted.Learner.CourseId, "quiz-redis-third", 1);
        var unreached = await HostedLearner.EndAttemptAsync(other, thirdEnd);
        var afterUnreached = await third.SendFrameAndWaitAsync(frames[1]);
        var downChanges = await host.MetricAsync("verification_redis_changes_total", "state=\"down\"");

        await redis.RestartAsync();
        var after = await ReadinessAsync(host, "Healthy");
        var crossed = await EndUntilVerdictAsync(other, thirdEnd);
        var thirdFinal = await third.WaitForVerdictAsync(v => v.Final, TimeSpan.FromSeconds(10));
        var lateStored = await SessionRows.LoadAsync(hosted.DataSource, late.SessionId);
        var earlyStored = await SessionRows.LoadAsync(hosted.DataSource, early.SessionId);
        var thirdStored = await SessionRows.LoadAsync(hosted.DataSource, third.SessionId);
        await early.DisposeAsync();
        await late.DisposeAsync();

        Assert.Equal("Healthy", before.Redis);
        Assert.Equal(("Degraded", "Degraded"), during);
        Assert.Equal(2, earlyFrame.Frame);
        Assert.True(earlyEnd.Final);
        Assert.Equal("ended", earlyStored.Status);
        Assert.Equal(earlyEnd.Verdict, earlyStored.Verdict);
        Assert.Equal(2, earlyStored.Frames);
        Assert.Equal([1, 2, 3], lateFrames.Select(f => f.Frame));
        Assert.True(lateTyping.Usable, lateTyping.Message);
        Assert.Equal("Verified", lateEnd.Verdict);
        Assert.Equal(("ended", "Verified", 3), (lateStored.Status, lateStored.Verdict, lateStored.Frames));
        Assert.Equal(new AttemptSessionEnd(third.SessionId, null), unreached);
        Assert.Equal(2, afterUnreached.Frame);
        Assert.Equal(1, downChanges);
        Assert.Equal(1, Occurrences(host.Output, "serves its own players only until Redis is back"));
        Assert.Equal(1, Occurrences(host.Output, "Redis reachable again"));
        Assert.Equal("Healthy", after.Redis);
        Assert.Equal(third.SessionId, crossed.SessionId);
        Assert.NotNull(thirdFinal);
        Assert.Equal(crossed.Verdict, thirdFinal.Verdict);
        Assert.Equal(("ended", crossed.Verdict, 2), (thirdStored.Status, thirdStored.Verdict, thirdStored.Frames));
    }

    [Fact]
    public async Task With_redis_away_at_start_up_a_node_starts_takes_a_player_through_a_whole_session_and_says_degraded()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        await using var redis = await RedisServer.StartAsync();
        await redis.KillAsync();

        await using var host = await hosted.StartHostAsync(HostedLearner.NodeSettings(redis.Configuration, resumeGraceSeconds: 30));
        var readiness = await ReadinessAsync(host, "Degraded");
        var (player, _) = await hosted.StartPlayerAsync(host, "quiz-redis-never");
        await using var _ = player;
        var frames = new[]
        {
            await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]),
            await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[1]),
            await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[2]),
        };
        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var end = await player.EndAsync();
        var stored = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);

        Assert.Equal(("Degraded", "Degraded"), readiness);
        Assert.Equal([1, 2, 3], frames.Select(f => f.Frame));
        Assert.True(typing.Usable, typing.Message);
        Assert.Equal(("Verified", true), (end.Verdict, end.Final));
        Assert.Equal(("ended", "Verified", 3), (stored.Status, stored.Verdict, stored.Frames));
        Assert.Single(player.Verdicts, v => v.Final);
    }

    [Fact]
    public async Task A_platform_end_that_lands_on_one_node_ends_the_session_of_a_player_connected_to_another_once_with_the_verdict_both_see()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        var settings = HostedLearner.NodeSettings(RedisServer.Shared, resumeGraceSeconds: 30);
        await using var playerNode = await hosted.StartHostAsync(settings);
        await using var platformNode = await hosted.StartInProcessNodeAsync(settings);
        var (player, _) = await hosted.StartPlayerAsync(playerNode, "quiz-cross-node");
        await using var _ = player;
        var frames = new[]
        {
            await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]),
            await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[1]),
            await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[2]),
        };
        var typing = await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        var command = new EndAttemptSession(hosted.Learner.LearnerId, hosted.Learner.CourseId, "quiz-cross-node", 1);
        var otherAttempt = await HostedLearner.EndAttemptAsync(platformNode, command with { Attempt = 2 });

        var ended = await HostedLearner.EndAttemptAsync(platformNode, command);
        var pushed = await player.WaitForVerdictAsync(v => v.Final, TimeSpan.FromSeconds(10));
        var again = await HostedLearner.EndAttemptAsync(platformNode, command);
        var playerEnd = await player.EndAsync();
        var stored = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);
        var endings = await SessionRows.CountAsync(hosted.DataSource, "SELECT count(*)::int FROM audit.entries WHERE action = 'session.ended' AND subject = 'session:' || @id::text", new { id = player.SessionId });

        Assert.Equal([1, 2, 3], frames.Select(f => f.Frame));
        Assert.True(typing.Usable, typing.Message);
        Assert.Equal(new AttemptSessionEnd(null, null), otherAttempt);
        Assert.Equal(new AttemptSessionEnd(player.SessionId, "Verified"), ended);
        Assert.NotNull(pushed);
        Assert.Equal("Verified", pushed.Verdict);
        Assert.Single(player.Verdicts, v => v.Final);
        Assert.Equal(new AttemptSessionEnd(null, null), again);
        Assert.Equal(("Verified", true), (playerEnd.Verdict, playerEnd.Final));
        Assert.Equal(("ended", "Verified", 3, 0), (stored.Status, stored.Verdict, stored.Frames, stored.Cases));
        Assert.Equal(1, endings);
    }

    /// <summary>Asks <paramref name="node"/> to end the attempt until the answer carries a verdict (Redis reconnecting), up to 30 s.</summary>
    private static async Task<AttemptSessionEnd> EndUntilVerdictAsync(ProctoringHostFactory node, EndAttemptSession command)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var end = await HostedLearner.EndAttemptAsync(node, command);
            if (end.Verdict is not null || DateTime.UtcNow > deadline)
            {
                return end;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }

    private static int Occurrences(string text, string phrase)
    {
        var count = 0;
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The overall readiness status and the redis check's, once the redis check says <paramref name="expected"/> or after ten seconds.</summary>
    private static async Task<(string Overall, string Redis)> ReadinessAsync(HostProcess host, string expected)
    {
        using var client = host.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"readiness answered {(int)response.StatusCode}");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var read = (body.RootElement.GetProperty("status").GetString()!, body.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString()!);
            if (read.Item2 == expected || DateTime.UtcNow > deadline)
            {
                return read;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
