using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Identity;

/// <summary>
/// The Host process killed (SIGKILL) while a verified session refines the typing profile: the verdict, stored before,
/// stands; the profile is byte for byte as it was and counts no refinement; the next Host refines it as usual.
/// </summary>
public sealed class TypingRefinementCrashTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_killed_while_the_profile_is_refined_leaves_the_verdict_stored_and_the_profile_as_it_was()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        var before = await TypingProfileRows.SealedAsync(hosted.DataSource, hosted.Learner);
        Guid sessionId;
        Exception? ending;
        await using (var host = await hosted.StartHostAsync())
        {
            var (player, _) = await hosted.StartPlayerAsync(host, "quiz-refine-crash");
            await using (player)
            {
                sessionId = player.SessionId;
                await TypingProfileRefinementTests.SendVerifiedSessionAsync(player);
                // The test holds the profile's row, so the refinement is waiting on it when the process dies.
                await using var holder = await hosted.DataSource.OpenConnectionAsync(Cancel);
                await using var transaction = await TypingProfileRows.HoldAsync(holder, hosted.Learner);
                var end = player.EndAsync();
                await TypingProfileRows.WaitForRefinementOnTheLockAsync(hosted.DataSource, () => host.Output);
                await host.KillAsync();
                ending = await Record.ExceptionAsync(() => end);
            }
        }

        var stored = await SessionRows.LoadAsync(hosted.DataSource, sessionId);
        var afterCrash = await TypingProfileRows.SealedAsync(hosted.DataSource, hosted.Learner);
        var refinementsAfterCrash = await TypingProfileRows.RefinementsAsync(hosted.DataSource, hosted.Learner);
        await using var next = await hosted.StartHostAsync();
        var (nextPlayer, _) = await hosted.StartPlayerAsync(next, "quiz-refine-after-crash");
        await using (nextPlayer)
        {
            await TypingProfileRefinementTests.SendVerifiedSessionAsync(nextPlayer);
            Assert.Equal("Verified", (await nextPlayer.EndAsync()).Verdict);
        }

        Assert.NotNull(ending);
        Assert.Equal(("ended", "Verified"), (stored.Status, stored.Verdict));
        Assert.Equal(before, afterCrash);
        Assert.Equal(0, refinementsAfterCrash);
        Assert.Equal(1, await TypingProfileRows.RefinementsAsync(hosted.DataSource, hosted.Learner));
        Assert.NotEqual(before, await TypingProfileRows.SealedAsync(hosted.DataSource, hosted.Learner));
    }
}
