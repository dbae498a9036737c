using Dapper;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>A message to the player that cannot be sent while a frame is processed: the session still ends with a verdict.</summary>
public sealed class FrameLoopNotificationFaultTests
{
    private const string WaitingOnConsentsSql = """
        SELECT pid FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query LIKE '%proctoring.consents%' AND pid <> pg_backend_pid()
        """;

    [Fact]
    public async Task A_frame_that_fails_to_record_while_its_player_is_gone_and_redis_away_still_lets_the_session_end_needs_review()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        await using var redis = await RedisServer.StartAsync();
        await using var host = await hosted.StartHostAsync(HostedLearner.NodeSettings(redis.Configuration, resumeGraceSeconds: 30));
        var (player, token) = await hosted.StartPlayerAsync(host, "quiz-notify-fault");
        await redis.KillAsync();

        // The frame's consent read waits on a lock the test holds, so the player can leave before the read fails; its
        // failure then answers a player who is gone, which goes through Redis, which is away.
        await using var locking = await hosted.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await locking.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await locking.ExecuteAsync("LOCK TABLE proctoring.consents IN ACCESS EXCLUSIVE MODE", transaction: transaction);
        var accepted = await player.SendFrameAsync(FaceSet.Enrolled.SessionFrames[0]);
        // Watched from a connection of its own: inside the locking transaction pg_stat_activity is one snapshot, taken
        // at its first read, so a host slower than that first read would never be seen waiting.
        await using var watching = await hosted.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var waiting = await WaitForAsync(async () => await watching.QueryFirstOrDefaultAsync<int?>(WaitingOnConsentsSql), "the frame's consent read did not wait on the lock within 60 s");
        await player.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await locking.ExecuteAsync("SELECT pg_terminate_backend(@waiting)", new { waiting }, transaction);
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        await WaitForAsync(() => Task.FromResult<bool?>(host.Output.Contains("could not analyse and record frame", StringComparison.Ordinal) ? true : null), "the host did not log the unrecorded frame within 60 s");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        var (resumed, _) = await Player.ResumeAsync(host.BuildHubConnection(), token, player.SessionId);
        await using var _ = resumed;
        var final = await resumed.EndAsync();
        var stored = await SessionRows.LoadAsync(hosted.DataSource, player.SessionId);

        Assert.Null(accepted.Code);
        Assert.Equal(("NeedsReview", true), (final.Verdict, final.Final));
        Assert.Equal(("ended", "NeedsReview"), (stored.Status, stored.Verdict));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string failure)
        where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
