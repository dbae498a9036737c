using Dapper;
using Npgsql;

namespace Verification.Proctoring.Tests.Support;

/// <summary>A learner's typing profile as PostgreSQL holds it, read on connections of the test's own.</summary>
internal static class TypingProfileRows
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The sealed profile's bytes: equal bytes, the profile untouched.</summary>
    public static async Task<byte[]?> SealedAsync(NpgsqlDataSource dataSource, TestLearner learner)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<byte[]?>("SELECT keystroke_profile FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", new { learner.LearnerId });
    }

    public static async Task<int> RefinementsAsync(NpgsqlDataSource dataSource, TestLearner learner)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<int>("SELECT typing_refinements FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", new { learner.LearnerId });
    }

    /// <summary>Holds the learner's profile row (FOR UPDATE) until the returned transaction ends, so a refinement waits on it.</summary>
    public static async Task<NpgsqlTransaction> HoldAsync(NpgsqlConnection holder, TestLearner learner)
    {
        var transaction = await holder.BeginTransactionAsync(Cancel);
        await holder.ExecuteAsync("SELECT 1 FROM proctoring.identity_profiles WHERE learner_id = @LearnerId FOR UPDATE", new { learner.LearnerId }, transaction);
        return transaction;
    }

    /// <summary>
    /// Waits until a refinement waits on the held row; read on a connection of its own, as a transaction keeps one view
    /// of the activity. <paramref name="hostOutput"/> says what the Host did when it never comes.
    /// </summary>
    public static async Task WaitForRefinementOnTheLockAsync(NpgsqlDataSource dataSource, Func<string> hostOutput)
    {
        await using var watcher = await dataSource.OpenConnectionAsync(Cancel);
        for (var i = 0; i < 600; i++)
        {
            var waiting = await watcher.ExecuteScalarAsync<int>(
                "SELECT count(*)::int FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%keystroke_profile%FOR UPDATE%'");
            if (waiting > 0)
            {
                return;
            }

            await Task.Delay(100, Cancel);
        }

        Assert.Fail($"The refinement never waited on the profile's row; the Host: {hostOutput()}");
    }
}
