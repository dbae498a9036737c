using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Sessions.Admission;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// The gate on session starts in flight (<c>Proctoring:Admission:MaxConcurrentStarts</c>, docs/operations.md, "Admission
/// control"), with its places held by the test so that the limit is reached for certain rather than by a race.
/// </summary>
public sealed class StartGateTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_its_limit_of_starts_in_flight_a_node_refuses_one_more_at_once_over_the_hub_and_http_and_admits_it_when_a_place_frees()
    {
        await using var app = new ProctoringApp();
        await app.InitializeAsync();
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var token = await app.TokenAsync(learner, "session", "quiz-gate");
        await using var connection = await Hubs.OpenAsync(app, "json");
        var admission = app.Factory.Services.GetRequiredService<AdmissionControl>();
        var limit = app.Factory.Services.GetRequiredService<AdmissionSettings>().MaxConcurrentStarts;

        var places = Enumerable.Range(0, limit).Select(_ => admission.Admit()).ToList();
        var refusedStart = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SessionStarted>("StartSession", token, Cancel));
        using var refusedToken = await RequestSessionTokenAsync(app, learner, "quiz-gate-2");
        // Freed twice, counted once: one place comes free.
        places[0].Dispose();
        places[0].Dispose();
        var started = await connection.InvokeAsync<SessionStarted>("StartSession", token, Cancel);
        using var issued = await RequestSessionTokenAsync(app, learner, "quiz-gate-3");
        using var last = admission.Admit();
        using var over = admission.Admit();
        foreach (var place in places)
        {
            place.Dispose();
        }

        Assert.Equal(16, limit);
        Assert.All(places, p => Assert.Null(p.Refusal));
        Assert.Contains("server_busy: the service is at capacity (16 sessions are starting on this node at once). Retry in 2 seconds.", refusedStart.Message, StringComparison.Ordinal);
        var detail = await Problems.AssertAsync(refusedToken, HttpStatusCode.ServiceUnavailable, "server_busy");
        Assert.Contains("Retry in 2 seconds", detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(2), refusedToken.Headers.RetryAfter?.Delta);
        Assert.False(started.Resumed);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Null(last.Refusal);
        Assert.NotNull(over.Refusal);
        Assert.Equal(2, over.RetryAfterSeconds);
    }

    private static Task<HttpResponseMessage> RequestSessionTokenAsync(ProctoringApp app, TestLearner learner, string assessmentId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens")
        {
            Content = JsonContent.Create(new { learner.LearnerId, learner.CourseId, purpose = "session", assessmentId }),
        };
        request.Headers.Add("X-Api-Key", app.PlatformApiKey);
        return app.Client.SendAsync(request, Cancel);
    }
}
