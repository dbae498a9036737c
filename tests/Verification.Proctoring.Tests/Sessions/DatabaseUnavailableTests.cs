using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Proctoring.Contracts.Player;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Sessions;

/// <summary>
/// A database that takes no more connections, or is gone, on a cluster of the test's own: session tokens are refused
/// 503 <c>database_unavailable</c> with a Retry-After and StartSession with the same code and hint, never a 500 or an
/// unknown hub error; the same calls succeed once the database is back.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_every_pooled_connection_held_a_session_token_and_a_start_are_refused_database_unavailable_and_succeed_once_released()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var app = ProctoringApp.Over(server.ConnectionString + ";Maximum Pool Size=2;Timeout=1");
        await app.InitializeAsync();
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var token = await app.TokenAsync(learner, "session", "quiz-pool");
        await using var connection = await Hubs.OpenAsync(app, "json");

        var held = await HoldEveryConnectionAsync(app.Factory.Services.GetRequiredService<NpgsqlDataSource>(), 2);
        var mark = app.Factory.Log.Mark();
        using var refusedToken = await RequestSessionTokenAsync(app, learner, "quiz-pool-2");
        var refusedStart = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SessionStarted>("StartSession", token, Cancel));
        foreach (var heldConnection in held)
        {
            await heldConnection.DisposeAsync();
        }

        using var issued = await RequestSessionTokenAsync(app, learner, "quiz-pool-3");
        var started = await connection.InvokeAsync<SessionStarted>("StartSession", token, Cancel);

        var detail = await Problems.AssertAsync(refusedToken, HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(5), refusedToken.Headers.RetryAfter?.Delta);
        Assert.Contains("Retry in 5 seconds", detail, StringComparison.Ordinal);
        Assert.StartsWith("database_unavailable: ", HubError(refusedStart), StringComparison.Ordinal);
        Assert.Contains("Retry in 5 seconds", refusedStart.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.False(started.Resumed);
        AssertRefusalsLoggedAsWarnings(app, mark);
    }

    [Fact]
    public async Task With_the_database_stopped_a_session_token_and_a_start_are_refused_database_unavailable_and_succeed_when_it_returns()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var app = ProctoringApp.Over(server.ConnectionString);
        await app.InitializeAsync();
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var token = await app.TokenAsync(learner, "session", "quiz-outage");
        await using var connection = await Hubs.OpenAsync(app, "messagepack");

        await server.StopServerAsync();
        var mark = app.Factory.Log.Mark();
        using var refusedToken = await RequestSessionTokenAsync(app, learner, "quiz-outage-2");
        var refusedStart = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<SessionStarted>("StartSession", token, Cancel));
        await server.StartServerAsync();

        // As a client told Retry-After does: a pooled connection that died with the server may fail one more call.
        using var issued = await RetryAsync(() => RequestSessionTokenAsync(app, learner, "quiz-outage-3"), r => r.StatusCode != HttpStatusCode.ServiceUnavailable);
        var started = await RetryAsync(() => connection.InvokeAsync<SessionStarted>("StartSession", token, Cancel), _ => true);

        await Problems.AssertAsync(refusedToken, HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.NotNull(refusedToken.Headers.RetryAfter?.Delta);
        Assert.StartsWith("database_unavailable: ", HubError(refusedStart), StringComparison.Ordinal);
        Assert.Contains("Retry in 5 seconds", refusedStart.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.False(started.Resumed);
        Assert.Equal(0, await SessionCountAsync(app, learner, "quiz-outage-2"));
        AssertRefusalsLoggedAsWarnings(app, mark);
    }

    [Fact]
    public async Task A_burst_of_starts_past_the_gate_each_starts_or_is_told_server_busy_with_a_hint_and_the_refused_start_on_retry()
    {
        await using var hosted = await HostedLearner.EnrollAsync(FaceSet.Enrolled);
        await using var host = await hosted.StartHostAsync(new Dictionary<string, string>
        {
            ["Proctoring__Admission__MaxConcurrentStarts"] = "1",
            ["Proctoring__Admission__StartRetryAfterSeconds"] = "1",
            ["Proctoring__Sessions__MaxLiveSessionsPerLearner"] = "20",
        });
        const int players = 12;
        var tokens = new List<string>();
        for (var i = 0; i < players; i++)
        {
            tokens.Add(await host.SessionTokenAsync(hosted.Learner, $"quiz-burst-{i}"));
        }

        var connections = new List<HubConnection>();
        for (var i = 0; i < players; i++)
        {
            var connection = host.BuildHubConnection();
            await connection.StartAsync(Cancel);
            connections.Add(connection);
        }

        try
        {
            var refusedBefore = await host.MetricAsync("verification_sessions_refused_total", "reason=\"server_busy\"");
            var first = await Task.WhenAll(connections.Select((c, i) => TryStartAsync(c, tokens[i])));
            var refusedAfter = await host.MetricAsync("verification_sessions_refused_total", "reason=\"server_busy\"");
            var retried = new List<string?>();
            for (var i = 0; i < players; i++)
            {
                if (first[i] is not null)
                {
                    retried.Add(await StartWithinHintsAsync(connections[i], tokens[i]));
                }
            }

            Assert.All(first, error => Assert.True(error is null || error.StartsWith("server_busy: ", StringComparison.Ordinal), error));
            Assert.All(first.Where(e => e is not null), error => Assert.Contains("Retry in 1 seconds", error, StringComparison.Ordinal));
            Assert.Contains(first, error => error is null);
            Assert.Equal(first.Count(e => e is not null), refusedAfter - refusedBefore);
            Assert.All(retried, Assert.Null);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The HTTP and hub refusals are expected outages: warnings without a stack trace, never errors (background jobs may log theirs).</summary>
    private static void AssertRefusalsLoggedAsWarnings(ProctoringApp app, int mark)
    {
        var refusals = app.Factory.Log.Since(mark)
            .Where(e => e.Properties.TryGetValue("SourceContext", out var source)
                && (source.ToString().Contains("ProblemDetailsExceptionHandler", StringComparison.Ordinal) || source.ToString().Contains("HubInputFilter", StringComparison.Ordinal)))
            .ToList();
        Assert.Contains(refusals, e => e.Level == Serilog.Events.LogEventLevel.Warning && e.MessageTemplate.Text.Contains("database_unavailable", StringComparison.Ordinal));
        Assert.All(refusals, e => Assert.True(e.Level <= Serilog.Events.LogEventLevel.Warning && e.Exception is null, e.RenderMessage()));
    }

    /// <summary>Null when the session started; otherwise the hub error's message from its reason code on.</summary>
    private static async Task<string?> TryStartAsync(HubConnection connection, string token)
    {
        try
        {
            await connection.InvokeAsync<SessionStarted>("StartSession", token, Cancel);
            return null;
        }
        catch (HubException e)
        {
            return HubError(e);
        }
    }

    /// <summary>As the player does: after server_busy it waits the hint and tries again, a bounded number of times.</summary>
    private static async Task<string?> StartWithinHintsAsync(HubConnection connection, string token)
    {
        string? error = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
            error = await TryStartAsync(connection, token);
            if (error is null || !error.StartsWith("server_busy: ", StringComparison.Ordinal))
            {
                return error;
            }
        }

        return error;
    }

    // A HubException reaches the client as "An unexpected error occurred invoking 'StartSession' on the server. HubException: <message>".
    private static string HubError(HubException e)
    {
        const string Marker = "HubException: ";
        var at = e.Message.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? e.Message : e.Message[(at + Marker.Length)..];
    }

    private static async Task<List<NpgsqlConnection>> HoldEveryConnectionAsync(NpgsqlDataSource dataSource, int count)
    {
        // The Host's background jobs take a connection now and then: wait for each to come free.
        var held = new List<NpgsqlConnection>();
        for (var attempt = 0; held.Count < count && attempt < 50; attempt++)
        {
            try
            {
                held.Add(await dataSource.OpenConnectionAsync(Cancel));
            }
            catch (NpgsqlException)
            {
                await Task.Delay(100, Cancel);
            }
        }

        Assert.Equal(count, held.Count);
        return held;
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

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, Func<T, bool> done)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await call();
                if (done(result) || attempt == 20)
                {
                    return result;
                }

                (result as IDisposable)?.Dispose();
            }
            catch (HubException e) when (attempt < 20 && HubError(e).StartsWith("database_unavailable: ", StringComparison.Ordinal))
            {
            }

            await Task.Delay(500, Cancel);
        }
    }

    private static async Task<long> SessionCountAsync(ProctoringApp app, TestLearner learner, string assessmentId)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM proctoring.sessions WHERE learner_id = @l AND assessment_id = @a", connection);
        command.Parameters.AddWithValue("l", learner.LearnerId);
        command.Parameters.AddWithValue("a", assessmentId);
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
