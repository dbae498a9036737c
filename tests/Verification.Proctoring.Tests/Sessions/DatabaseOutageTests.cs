using System.Net;
using System.Text.Json;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// PostgreSQL stopped and started again in the middle of a session, on a cluster of the test's own: what the service
/// could not analyse and record is not verified, and the verdict and its case are stored when the database returns.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Impostor_frames_sent_while_the_database_is_down_end_in_review_and_the_verdict_is_stored_when_it_returns()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var app = ProctoringApp.Over(server.ConnectionString);
        await app.InitializeAsync();
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        await using var player = await Hubs.StartSessionAsync(app, "messagepack", learner);
        foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(3))
        {
            await player.SendFrameAndWaitAsync(frame);
        }

        await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));

        await server.StopServerAsync();
        var duringOutage = new List<int>();
        foreach (var frame in FaceSet.Impostor.SessionFrames.Take(4))
        {
            var result = await player.SendFrameAndWaitAsync(frame);
            Assert.Equal("frame_not_recorded", result.Code);
            duringOutage.Add(result.Frame);
        }

        var verdict = await player.EndAsync();
        var (outageStatus, outageBody) = await ReadyAsync(app);

        await server.StartServerAsync();
        var stored = await SessionRows.WaitForEndAsync(app.DataSource, player.SessionId);
        var (backStatus, _) = await WaitForReadyAsync(app);

        Assert.Equal("NeedsReview", verdict.Verdict);
        var gap = Assert.Single(verdict.Flags, f => f.Kind == "InsufficientEvidence");
        Assert.Equal(duringOutage, gap.Frames);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, outageStatus);
        Assert.Equal("Unhealthy", outageBody.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("1 verdicts waiting for the database", outageBody.GetProperty("checks").GetProperty("verdicts").GetProperty("description").GetString());
        Assert.Equal("ended", stored.Status);
        Assert.Equal("NeedsReview", stored.Verdict);
        Assert.Contains("InsufficientEvidence", stored.Flags);
        Assert.Equal(1, stored.Cases);
        Assert.Equal(3, stored.Frames);
        Assert.Equal("NeedsReview", await SessionRows.WaitForCertificatesAsync(app.DataSource, player.SessionId));
        Assert.Equal(HttpStatusCode.OK, backStatus);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(ProctoringApp app)
    {
        using var response = await app.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (response.StatusCode, body.RootElement.Clone());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitForReadyAsync(ProctoringApp app)
    {
        for (var i = 0; ; i++)
        {
            var ready = await ReadyAsync(app);
            if (ready.Status == HttpStatusCode.OK || i == 100)
            {
                return ready;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
