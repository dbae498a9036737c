using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Telemetry;

/// <summary>
/// The operator's metrics in Prometheus format: a real session through the hub moves the counters by exactly what it
/// did, the model choice and dependency health are there, and a scrape from outside the allowed networks finds nothing.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed partial class MetricsTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_moves_the_frame_verdict_and_typing_counters_by_what_it_did()
    {
        var learner = await SessionEnrollment.EnrollAsync(app, FaceSet.Enrolled);
        var before = await ScrapeAsync(app.Client);
        await using (var player = await Hubs.StartSessionAsync(app, "messagepack", learner))
        {
            foreach (var frame in FaceSet.Enrolled.SessionFrames.Take(3))
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
            Assert.Equal("Verified", (await player.EndAsync()).Verdict);
        }

        var after = await ScrapeAsync(app.Client);

        Assert.Equal(3, Delta(before, after, "verification_frames_received_total"));
        Assert.Equal(3, Delta(before, after, "verification_frames_analysed_total{outcome=\"analysed\"}"));
        Assert.Equal(3, Delta(before, after, "verification_frame_duration_seconds_count{outcome=\"analysed\"}"));
        Assert.Equal(0, Delta(before, after, "verification_frames_shed_total"));
        Assert.Equal(1, Delta(before, after, "verification_sessions_ended_total{ending=\"ended\",verdict=\"Verified\"}"));
        Assert.Equal(1, Delta(before, after, "verification_typing_checks_total{result=\"accepted\"}") + Delta(before, after, "verification_typing_checks_total{result=\"not_accepted\"}"));
        Assert.Equal(0, Value(after, "verification_sessions_live"));
        Assert.Matches(new Regex("(?m)^signalr_server_active_connections"), after);
    }

    [Fact]
    public async Task The_face_model_choices_and_the_dependencies_health_are_gauges()
    {
        var scrape = await ScrapeAsync(app.Client);
        foreach (var model in new[] { "Detector", "Embedding", "Liveness" })
        {
            Assert.Matches(new Regex($"verification_model_session\\{{[^}}]*model=\"{model}\"[^}}]*\\}} 1"), scrape);
        }

        // The health publisher runs a few seconds after start and then every 15 s.
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (Value(scrape, "verification_dependency_health{check=\"database\"}") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, Cancel);
            scrape = await ScrapeAsync(app.Client);
        }

        Assert.Equal(1, Value(scrape, "verification_dependency_health{check=\"database\"}"));
    }

    [Fact]
    public async Task A_real_host_serves_the_asp_net_core_kestrel_and_runtime_series_beside_its_own()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var host = await HostProcess.StartAsync(database.ConnectionString, "");
        using var client = host.CreateClient();
        using (await client.GetAsync("/health/live", Cancel))
        {
        }

        var scrape = await ScrapeAsync(client);

        foreach (var series in new[]
        {
            "http_server_request_duration_seconds", "kestrel_active_connections", "dotnet_gc_", "dotnet_thread_pool_",
            "dotnet_process_cpu_time", "dotnet_process_memory_working_set", "verification_model_session",
        })
        {
            Assert.Matches(new Regex($"(?m)^{series}"), scrape);
        }
    }

    [Fact]
    public async Task A_scrape_from_outside_the_allowed_networks_is_answered_404_by_the_real_host()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using var elsewhere = await HostProcess.StartAsync(database.ConnectionString, "", extraSettings: new Dictionary<string, string>
        {
            ["Telemetry__MetricsAllowedNetworks__0"] = "10.0.0.0/8",
        });
        using var client = elsewhere.CreateClient();

        using var refused = await client.GetAsync("/metrics", Cancel);
        using var health = await client.GetAsync("/health/live", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("verification_", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_invalid_allowed_network_stops_the_host_at_start_with_the_setting_named()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(database.ConnectionString, "", extraSettings: new Dictionary<string, string>
        {
            ["Telemetry__MetricsAllowedNetworks__0"] = "everyone",
        }));

        Assert.Contains("Telemetry:MetricsAllowedNetworks", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private static double Delta(string before, string after, string series) => Value(after, series) - Value(before, series);

    /// <summary>A series' value in the exposition text (labels in the exporter's order); 0 when it is not there yet.</summary>
    private static double Value(string scrape, string series)
    {
        var name = series.Split('{')[0];
        var labels = series.Contains('{') ? series[(series.IndexOf('{') + 1)..^1].Split(',') : [];
        foreach (var line in scrape.Split('\n'))
        {
            var match = SeriesLine().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var present = match.Groups["labels"].Value;
            if (labels.All(l => present.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?<labels>[^}]*)\\})? (?<value>[^ ]+)")]
    private static partial Regex SeriesLine();
}
