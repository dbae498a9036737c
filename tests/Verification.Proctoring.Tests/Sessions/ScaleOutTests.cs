using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>Two real Host processes on loopback ports, one PostgreSQL, one Redis (docs/operations.md, "Several nodes").</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task A_node_starting_leaves_the_sessions_of_a_live_node_open_and_closes_them_once_that_node_is_killed()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var enrolling = ProctoringApp.Over(database.ConnectionString);
        await enrolling.InitializeAsync();
        var learner = await SessionEnrollment.EnrollAsync(enrolling, FaceSet.Enrolled);
        var settings = NodeSettings(RedisServer.Shared);

        await using var first = await HostProcess.StartAsync(database.ConnectionString, enrolling.PlatformApiKey, extraSettings: settings);
        var token = await first.SessionTokenAsync(learner, "quiz-nodes");
        var player = await Player.StartAsync(first.BuildHubConnection(), token);
        await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);

        await using var second = await HostProcess.StartAsync(database.ConnectionString, enrolling.PlatformApiKey, extraSettings: settings);
        // Several leases and sweeps of the second node pass while the first one serves the session.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var whileBothLive = await SessionRows.LoadAsync(database.DataSource, player.SessionId);
        var laterFrame = await player.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[1]);
        await using (var elsewhere = second.BuildHubConnection())
        {
            await elsewhere.StartAsync(TestContext.Current.CancellationToken);
            var refused = await Assert.ThrowsAsync<HubException>(() => elsewhere.InvokeAsync<SessionStarted>("ResumeSession", token, player.SessionId, TestContext.Current.CancellationToken));
            Assert.Contains("session_elsewhere", refused.Message, StringComparison.Ordinal);
        }

        await first.KillAsync();
        var closed = await SessionRows.WaitForEndAsync(database.DataSource, player.SessionId);
        await player.DisposeAsync();

        Assert.Equal("open", whileBothLive.Status);
        Assert.Equal(2, laterFrame.Frame);
        Assert.Equal("interrupted", closed.Status);
        Assert.Equal("NeedsReview", closed.Verdict);
        Assert.Equal(["SessionInterrupted"], closed.Flags);
        Assert.Equal(2, closed.Frames);
    }

    [Fact]
    public async Task With_redis_stopped_a_node_still_serves_the_players_connected_to_it_and_readiness_says_degraded()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var redis = await RedisServer.StartAsync();
        await using var enrolling = ProctoringApp.Over(database.ConnectionString);
        await enrolling.InitializeAsync();
        var learner = await SessionEnrollment.EnrollAsync(enrolling, FaceSet.Enrolled);

        await using var host = await HostProcess.StartAsync(database.ConnectionString, enrolling.PlatformApiKey, extraSettings: NodeSettings(redis.Configuration));
        var before = await ReadinessAsync(host, "Healthy");
        var early = await Player.StartAsync(host.BuildHubConnection(), await host.SessionTokenAsync(learner, "quiz-redis-early"));
        await early.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[0]);

        await redis.KillAsync();
        var during = await ReadinessAsync(host, "Degraded");
        var earlyFrame = await early.SendFrameAndWaitAsync(FaceSet.Enrolled.SessionFrames[1]);
        var earlyEnd = await early.EndAsync();
        var stored = await SessionRows.LoadAsync(database.DataSource, early.SessionId);
        // The SignalR backplane subscribes each new connection in Redis: while Redis is away, new connections fail.
        await using var late = host.BuildHubConnection();
        var lateConnect = await Record.ExceptionAsync(async () =>
        {
            await late.StartAsync(TestContext.Current.CancellationToken);
            await late.InvokeAsync<SessionStarted>("StartSession", await host.SessionTokenAsync(learner, "quiz-redis-late"), TestContext.Current.CancellationToken);
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

    private static Dictionary<string, string> NodeSettings(string redis) => new()
    {
        ["Redis__Configuration"] = redis,
        ["Proctoring__Nodes__LeaseSeconds"] = "3",
        ["Proctoring__Nodes__HeartbeatSeconds"] = "1",
    };

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
