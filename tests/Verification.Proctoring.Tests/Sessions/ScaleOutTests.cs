using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
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
    public async Task With_redis_stopped_a_node_still_serves_the_players_connected_to_it_and_readiness_says_degraded()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        await using var redis = await RedisServer.StartAsync();

        await using var host = await hosted.StartHostAsync(HostedLearner.NodeSettings(redis.Configuration, resumeGraceSeconds: 30));
        var before = await ReadinessAsync(host, "Healthy");
        var (early, _) = await hosted.StartPlayerAsync(host, "quiz-redis-early");
        await early.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);

        await redis.KillAsync();
        var during = await ReadinessAsync(host, "Degraded");
        var earlyFrame = await early.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[1]);
        var earlyEnd = await early.EndAsync();
        var stored = await SessionRows.LoadAsync(hosted.DataSource, early.SessionId);
        // The SignalR backplane subscribes each new connection in Redis: while Redis is away, new connections fail.
        await using var late = host.BuildHubConnection();
        var lateConnect = await Record.ExceptionAsync(async () =>
        {
            await late.StartAsync(TestContext.Current.CancellationToken);
            await late.InvokeAsync<SessionStarted>("StartSession", await host.SessionTokenAsync(hosted.Learner, "quiz-redis-late"), TestContext.Current.CancellationToken);
        });
        await early.DisposeAsync();

        Assert.Equal("Healthy", before.Redis);
        Assert.Equal(("Degraded", "Degraded"), during);
        Assert.Equal(2, earlyFrame.Frame);
        Assert.True(earlyEnd.Final);
        Assert.Equal("ended", stored.Status);
        Assert.Equal(earlyEnd.Verdict, stored.Verdict);
        Assert.Equal(2, stored.Frames);
        Assert.NotNull(lateConnect);
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
