using System.Net;
using Dapper;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Privacy;

/// <summary>
/// An erasure that arrives while the learner's enrollment is being completed (its consent already read): the profile
/// that completion stores is erased with the rest, never left behind for the profile's three-year retention.
/// </summary>
public sealed class ErasureDuringEnrollmentTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_erasure_while_the_enrollment_completes_leaves_no_identity_profile()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Erased Mid Enrollment");
        await app.UploadEverythingAsync(learner, token);
        var trigger = $"slow_profile_{learner.LearnerId:N}";
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        // Holds the completion inside its transaction, after its consent read and before its profile is stored.
        await connection.ExecuteAsync($"""
            CREATE FUNCTION proctoring.{trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3); RETURN NEW; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON proctoring.identity_profiles FOR EACH ROW
            WHEN (NEW.learner_id = '{learner.LearnerId}'::uuid) EXECUTE FUNCTION proctoring.{trigger}();
            """);
        try
        {
            var completing = app.CompleteAsync(learner, token);
            await WaitForSleepAsync(connection);
            using var erased = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/data", token);
            using var completed = await completing;
            var profiles = await connection.ExecuteScalarAsync<int>(
                "SELECT count(*)::int FROM proctoring.identity_profiles WHERE learner_id = @id", new { id = learner.LearnerId });

            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
            Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
            Assert.Equal(0, profiles);
        }
        finally
        {
            await connection.ExecuteAsync($"DROP TRIGGER {trigger} ON proctoring.identity_profiles; DROP FUNCTION proctoring.{trigger}();");
        }
    }

    private static async Task WaitForSleepAsync(Npgsql.NpgsqlConnection connection)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await connection.ExecuteScalarAsync<bool>(
                    "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND query LIKE '%identity_profiles%')"))
            {
                return;
            }

            await Task.Delay(50, Cancel);
        }

        Assert.Fail("The enrollment's completion never reached its profile write within 10 s.");
    }
}
