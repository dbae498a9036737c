using Dapper;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
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

    [Fact]
    public async Task Two_nodes_resuming_the_same_session_at_the_same_moment_after_its_node_died_one_takes_it_over_and_the_other_refuses_with_session_elsewhere()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        var settings = HostedLearner.NodeSettings(RedisServer.Shared, resumeGraceSeconds: 30);
        await using var first = await hosted.StartHostAsync(settings);
        await using var second = await hosted.StartHostAsync(settings);
        await using var third = await hosted.StartHostAsync(settings);
        var (player, token) = await hosted.StartPlayerAsync(first, "quiz-takeover-race");
        var frames = FaceSet.Enrolled.SessionFrames;
        await player.SendFrameAndWaitAsync(frames[0]);
        await player.SendFrameAndWaitAsync(frames[1]);
        await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
        await first.KillAsync();
        await player.DisposeAsync();
        await WaitForLeaseToRunOutAsync(hosted, player.SessionId);

        // Two clients of the learner, each on a surviving node, resume at once.
        await using var onSecond = second.BuildHubConnection();
        await using var onThird = third.BuildHubConnection();
        await Task.WhenAll(onSecond.StartAsync(TestContext.Current.CancellationToken), onThird.StartAsync(TestContext.Current.CancellationToken));
        var outcomes = await Task.WhenAll(TryResumeAsync(onSecond, token, player.SessionId), TryResumeAsync(onThird, token, player.SessionId));
        var winner = outcomes[0].Started is not null ? onSecond : onThird;
        var loser = winner == onSecond ? onThird : onSecond;
        var loserAgain = await TryResumeAsync(loser, token, player.SessionId);
        var after = new[] { await SendAndWaitAsync(winner, frames[2]), await SendAndWaitAsync(winner, frames[3]) };
        var final = await winner.InvokeAsync<VerdictChanged>("EndSession", TestContext.Current.CancellationToken);
        var stored = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);
        var framesReceived = await SessionRows.CountAsync(hosted.DataSource, "SELECT frames_received FROM proctoring.sessions WHERE id = @id", new { id = player.SessionId });
        var endings = await SessionRows.CountAsync(hosted.DataSource, "SELECT count(*)::int FROM audit.entries WHERE action = 'session.ended' AND subject = 'session:' || @id::text", new { id = player.SessionId });

        Assert.Single(outcomes, o => o.Started is not null);
        var refusal = Assert.Single(outcomes, o => o.Started is null).Refusal;
        Assert.Contains("session_elsewhere", refusal, StringComparison.Ordinal);
        Assert.Contains("session_elsewhere", loserAgain.Refusal, StringComparison.Ordinal);
        Assert.Equal([3, 4], after);
        Assert.Equal(("Verified", true), (final.Verdict, final.Final));
        Assert.Equal(("ended", "Verified", 4, 0), (stored.Status, stored.Verdict, stored.Frames, stored.Cases));
        Assert.Equal(4, framesReceived);
        Assert.Equal(1, endings);
    }

    [Fact]
    public async Task A_node_cut_off_the_database_past_its_lease_does_not_overwrite_the_session_another_node_took_over_when_the_database_returns()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        var settings = HostedLearner.NodeSettings(RedisServer.Shared, resumeGraceSeconds: 30);
        await using var relay = TcpRelay.Start(new Npgsql.NpgsqlConnectionStringBuilder(hosted.ConnectionString).Port);
        var throughRelay = new Npgsql.NpgsqlConnectionStringBuilder(hosted.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var cutOff = await hosted.StartHostAsync(settings, throughRelay);
        await using var second = await hosted.StartHostAsync(settings);
        var (player, token) = await hosted.StartPlayerAsync(cutOff, "quiz-fenced");
        await using var stalePlayer = player;
        var frames = FaceSet.Enrolled.SessionFrames;
        await player.SendFrameAndWaitAsync(frames[0]);
        await player.SendFrameAndWaitAsync(frames[1]);
        await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));

        relay.Cut();
        // The cut-off node cannot renew its lease: once it runs out, another client of the learner resumes on the second node.
        var (resumed, _, _) = await ResumeOnAsync(second, token, player.SessionId);
        await using var __ = resumed;
        await resumed.SendFrameAndWaitAsync(frames[2]);
        await resumed.SendFrameAndWaitAsync(frames[3]);
        var taken = await resumed.EndAsync();
        // The cut-off node still serves its own player from memory: impostor frames it cannot record, and an end whose verdict waits.
        var stale = await player.SendFrameAsync(FaceSet.Impostor.SessionFrames[0]);
        var staleResult = await WaitForResultAsync(player, stale.Frame);
        var staleEnd = await player.EndAsync();
        var whileCut = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);

        relay.Restore();
        var drained = await WaitForVerdictsWrittenAsync(cutOff);
        var stored = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);
        var endings = await SessionRows.CountAsync(hosted.DataSource, "SELECT count(*)::int FROM audit.entries WHERE action = 'session.ended' AND subject = 'session:' || @id::text", new { id = player.SessionId });
        var framesReceived = await SessionRows.CountAsync(hosted.DataSource, "SELECT frames_received FROM proctoring.sessions WHERE id = @id", new { id = player.SessionId });

        Assert.Equal(("Verified", true), (taken.Verdict, taken.Final));
        Assert.Equal("frame_not_recorded", staleResult.Code);
        Assert.Equal(("NeedsReview", true), (staleEnd.Verdict, staleEnd.Final));
        Assert.Equal(("ended", "Verified"), (whileCut.Status, whileCut.Verdict));
        Assert.True(drained, "the cut-off node's waiting verdict was not written within 60 s of the database returning");
        Assert.Contains("waits for the database", cutOff.Output, StringComparison.Ordinal);
        Assert.True(await LoggedAsync(cutOff, "verdict written after the database returned"), "the cut-off node did not log its waiting verdict's write");
        Assert.Equal(("ended", "Verified", 4, 0), (stored.Status, stored.Verdict, stored.Frames, stored.Cases));
        Assert.Empty(stored.Flags);
        Assert.Equal(4, framesReceived);
        Assert.Equal(1, endings);
    }

    [Fact]
    public async Task A_takeover_whose_evidence_cannot_be_read_leaves_the_session_to_recovery_which_closes_it_needs_review_instead_of_session_elsewhere_forever()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        var settings = HostedLearner.NodeSettings(RedisServer.Shared, resumeGraceSeconds: 4);
        await using var first = await hosted.StartHostAsync(settings);
        await using var second = await hosted.StartHostAsync(settings);
        var (player, token) = await hosted.StartPlayerAsync(first, "quiz-takeover-unreadable");
        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);
        // Answer typing that no longer decrypts: the takeover's read of the session's evidence fails.
        await using (var connection = await hosted.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("""
                INSERT INTO proctoring.session_answer_typing (session_id, batch_number, received_at, key_presses, timings, key_id)
                VALUES (@id, 1, now(), 10, '\x00ff'::bytea, 'learner')
                """, new { id = player.SessionId });
        }

        await first.KillAsync();
        await player.DisposeAsync();
        await WaitForLeaseToRunOutAsync(hosted, player.SessionId);
        await using var resuming = second.BuildHubConnection();
        await resuming.StartAsync(TestContext.Current.CancellationToken);
        var failed = await TryResumeAsync(resuming, token, player.SessionId);
        var stored = await SessionRows.WaitForEndAsync(hosted.DataSource, player.SessionId);
        var later = await TryResumeAsync(resuming, token, player.SessionId);

        Assert.Null(failed.Started);
        Assert.DoesNotContain("session_elsewhere", failed.Refusal, StringComparison.Ordinal);
        Assert.Equal(("interrupted", "NeedsReview"), (stored.Status, stored.Verdict));
        Assert.Contains("session_interrupted", later.Refusal, StringComparison.Ordinal);
    }

    private static async Task<(SessionStarted? Started, string Refusal)> TryResumeAsync(HubConnection connection, string token, Guid sessionId)
    {
        try
        {
            return (await connection.InvokeAsync<SessionStarted>("ResumeSession", token, sessionId, TestContext.Current.CancellationToken), "");
        }
        catch (HubException refused)
        {
            return (null, refused.Message);
        }
    }

    private static async Task<int> SendAndWaitAsync(HubConnection connection, byte[] jpeg)
    {
        var result = new TaskCompletionSource<FrameResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = connection.On<FrameResult>("FrameResult", r => result.TrySetResult(r));
        var accepted = await connection.InvokeAsync<FrameAccepted>("SendFrame", jpeg, TestContext.Current.CancellationToken);
        Assert.Null(accepted.Code);
        return (await result.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).Frame;
    }

    private static async Task<FrameResult> WaitForResultAsync(Player player, int frame)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (player.Results.FirstOrDefault(r => r.Frame == frame) is { } result)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no result for frame {frame} within 30 s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until the node named by the session no longer holds a lease (the kill, then up to the lease).</summary>
    private static async Task WaitForLeaseToRunOutAsync(HostedLearner hosted, Guid sessionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        const string Live = """
            SELECT count(*)::int FROM proctoring.sessions s JOIN proctoring.nodes n ON n.id = s.node_id
            WHERE s.id = @id AND n.lease_until > now()
            """;
        while (await SessionRows.CountAsync(hosted.DataSource, Live, new { id = sessionId }) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the dead node's lease did not run out within 20 s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Whether the node logs <paramref name="phrase"/> within 5 s (its output is read as it comes).</summary>
    private static async Task<bool> LoggedAsync(HostProcess host, string phrase)
    {
        for (var look = 0; look < 50 && !host.Output.Contains(phrase, StringComparison.Ordinal); look++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return host.Output.Contains(phrase, StringComparison.Ordinal);
    }

    /// <summary>Whether the node's readiness says, within 60 s, that no verdict waits for the database any more.</summary>
    private static async Task<bool> WaitForVerdictsWrittenAsync(HostProcess host)
    {
        using var client = host.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            if (response.IsSuccessStatusCode && body.RootElement.GetProperty("checks").GetProperty("verdicts").GetProperty("status").GetString() == "Healthy")
            {
                return true;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        return false;
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
