using System.Net;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Identity;

/// <summary>
/// PostgreSQL stopped at the moment a verified session refines the typing profile, on a cluster of the test's own: the
/// verdict, stored before, stands; the profile is left as it was; the Host goes on serving once the database returns.
/// </summary>
public sealed class TypingRefinementOutageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_database_stopped_while_the_profile_is_refined_leaves_the_verdict_stored_and_the_profile_as_it_was()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var app = ProctoringApp.Over(server.ConnectionString);
        await app.InitializeAsync();
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var before = await TypingProfileRows.SealedAsync(app.DataSource, learner);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        var mark = app.Factory.Log.Mark();

        string verdict;
        // The test holds the profile's row, so the refinement is waiting on it when the database stops.
        await using (var holder = await app.DataSource.OpenConnectionAsync(Cancel))
        {
            await using var transaction = await TypingProfileRows.HoldAsync(holder, learner);
            var ending = TypingProfileRefinementTests.VerifiedSessionAsync(player);
            await TypingProfileRows.WaitForRefinementOnTheLockAsync(app.DataSource, () => string.Join(" | ", app.Factory.Log.Since(0).TakeLast(8).Select(e => e.RenderMessage())));
            await server.StopServerAsync();
            verdict = await ending;
        }

        await server.StartServerAsync();
        app.DataSource.Clear();
        var stored = await SessionRows.WaitForEndAsync(app.DataSource, player.SessionId);
        var ready = await WaitForReadyAsync(app);
        await using var next = await Hubs.StartSessionAsync(app, "json", learner);

        Assert.Equal("Verified", verdict);
        Assert.Equal("Verified", stored.Verdict);
        Assert.Equal(before, await TypingProfileRows.SealedAsync(app.DataSource, learner));
        var lifecycle = app.Factory.Log.Since(mark).Where(e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("SessionLifecycle", StringComparison.Ordinal)).ToList();
        Assert.Contains(lifecycle, e => e.Level == Serilog.Events.LogEventLevel.Warning && e.MessageTemplate.Text.Contains("did not refine the {Profile} profile", StringComparison.Ordinal)
            && e.Properties["Profile"].ToString() == "\"typing\"");
        Assert.All(lifecycle, e => Assert.True(e.Level <= Serilog.Events.LogEventLevel.Warning && e.Exception is null, e.RenderMessage()));
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.NotEqual(Guid.Empty, next.SessionId);
    }

    private static async Task<HttpStatusCode> WaitForReadyAsync(ProctoringApp app)
    {
        for (var i = 0; ; i++)
        {
            using var response = await app.Client.GetAsync("/health/ready", Cancel);
            if (response.StatusCode == HttpStatusCode.OK || i == 100)
            {
                return response.StatusCode;
            }

            await Task.Delay(200, Cancel);
        }
    }
}
