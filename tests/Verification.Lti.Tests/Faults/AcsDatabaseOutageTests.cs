using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Lti.Tests.Support;
using Verification.Proctoring.Contracts;
using Verification.Testing;
using Verification.Testing.Lti;

namespace Verification.Lti.Tests.Faults;

/// <summary>
/// The database stops while the tool waits for the platform's answer to an ACS call: the platform accepted it, but the
/// tool could not record that. Nothing is lost: once the database is back the outbox sends the same action again
/// (at least once, as the ACS is told everything through the outbox) and records it sent.
/// </summary>
public sealed class AcsDatabaseOutageTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private PrivatePostgres _server = null!;
    private LtiApp _app = null!;
    private TestPlatform _platform = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await PrivatePostgres.StartAsync();
        _app = new LtiApp { ExternalConnectionString = _server.ConnectionString };
        await _app.InitializeAsync();
        _platform = await TestPlatform.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_database_stopped_during_the_acs_call_loses_nothing_the_outbox_sends_it_again_and_records_it()
    {
        var flow = new LoginFlow(_app, _platform);
        await flow.RegisterAsync();
        var login = await flow.LoginAsync();
        using var launched = await flow.LaunchAsync(_platform.Sign(flow.Claims(login)), login.State, login.Cookie);
        var launch = await launched.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        await VerdictAsync(launch, Guid.CreateVersion7(), SessionVerdictName.Verified, []);
        using (var client = _app.Browserless())
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learners/{launch.GetProperty("learnerId").GetGuid()}/lti-launches/{launch.GetProperty("launchId").GetGuid()}/start-assessment"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", launch.GetProperty("enrollmentToken").GetString());
            using var started = await client.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        var stopped = new TaskCompletionSource();
        _platform.BeforeAcsAccepted = async () =>
        {
            await _server.StopServerAsync();
            stopped.SetResult();
        };
        var sessionId = Guid.CreateVersion7();
        await VerdictAsync(launch, sessionId, SessionVerdictName.NeedsReview, ["FaceMismatch"]);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        var callsDuringOutage = AcsCalls().Count;
        await _server.StartServerAsync();

        for (var i = 0; i < 150 && (AcsCalls().Count < 2 || await SentAsync(sessionId) == 0); i++)
        {
            await Task.Delay(200, Cancel);
        }

        var calls = AcsCalls();
        Assert.Equal(1, callsDuringOutage);
        Assert.True(calls.Count >= 2, $"{calls.Count} ACS calls");
        Assert.All(calls, c => Assert.Equal(Action(calls[0]), Action(c)));
        Assert.Equal("FaceMismatch", JsonDocument.Parse(calls[^1].Body).RootElement.GetProperty("reason_code").GetString());
        Assert.Equal(1, await SentAsync(sessionId));
        Assert.Equal(0, await _app.CountAsync("SELECT count(*) FROM lti.outbox WHERE delivered_at IS NULL", new { }));
    }

    private List<PlatformCall> AcsCalls() => [.. _platform.ServiceCalls.Where(c => c.Path == "/acs")];

    private static string Action(PlatformCall call) => JsonDocument.Parse(call.Body).RootElement.GetProperty("action").GetString()!;

    private async Task<long> SentAsync(Guid sessionId)
    {
        try
        {
            return await _app.CountAsync("SELECT count(*) FROM lti.acs_flags WHERE session_id = @sessionId AND sent_at IS NOT NULL", new { sessionId });
        }
        catch (Npgsql.NpgsqlException)
        {
            return 0;
        }
    }

    private async Task VerdictAsync(JsonElement launch, Guid sessionId, SessionVerdictName verdict, IReadOnlyList<string> flags)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new SessionVerdictReached(
            sessionId, launch.GetProperty("learnerId").GetGuid(), launch.GetProperty("courseId").GetGuid(), "final-exam-link", verdict,
            flags.Count == 0 ? ReviewCasePriority.None : ReviewCasePriority.High, flags), Cancel);
    }
}
