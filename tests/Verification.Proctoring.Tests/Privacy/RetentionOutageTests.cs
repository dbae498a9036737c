using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Proctoring.Privacy.Retention;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Privacy;

/// <summary>The retention job on a private cluster that stops while purges are due: the Host survives and the next run finishes.</summary>
public sealed class RetentionOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_stopped_by_the_database_leaves_the_host_up_and_the_next_run_purges_and_audits_once()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var app = ProctoringApp.Over(server.ConnectionString);
        await app.InitializeAsync();
        var (learner, _) = await app.EnrolledLearnerAsync("Outage Learner");
        var enforcer = app.Factory.Services.GetRequiredService<RetentionEnforcer>();

        await server.StopServerAsync();
        app.Time.Advance(TimeSpan.FromDays(30));
        var duringOutage = await Record.ExceptionAsync(() => enforcer.RunAsync(Cancel));
        await server.StartServerAsync();
        await RunWhenBackAsync(enforcer);
        await RunWhenBackAsync(enforcer);

        Assert.IsAssignableFrom<NpgsqlException>(duringOutage);
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM proctoring.id_photos WHERE learner_id = @LearnerId", new { learner.LearnerId }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM audit.entries WHERE action = 'retention.purged' AND subject = 'data_class:id_photo'"));
        using var health = await app.Client.GetAsync(new Uri("/health/live", UriKind.Relative), Cancel);
        Assert.True(health.IsSuccessStatusCode);
    }

    private static async Task RunWhenBackAsync(RetentionEnforcer enforcer)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await enforcer.RunAsync(Cancel);
                return;
            }
            catch (NpgsqlException) when (attempt < 50)
            {
                await Task.Delay(200, Cancel);
            }
        }
    }
}
