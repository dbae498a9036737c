using System.Globalization;
using System.Text.Json;
using Dapper;
using Verification.Proctoring.Tests.Support;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Load;

/// <summary>
/// <c>verification load-test</c> as an operator runs it (docs/operations.md, "Load and capacity"): the built CLI against
/// a Release Host process on loopback with the demo partner's key and course, learners enrolled through the API with
/// LFW photos and CMU typing.
/// </summary>
public sealed class LoadToolTests
{
    private const string DemoCourse = "01935f00-0000-7000-8000-000000000002";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);
    private static readonly string[] Verdicts = ["Verified", "NeedsReview"];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47];

    [Fact]
    public async Task A_small_sweep_reports_every_step_with_consistent_numbers_the_host_cost_and_the_capacity()
    {
        var (faces, typing) = SharedInputs();
        await using var database = await TestDatabase.CreateEmptyAsync();
        var key = LoadCli.NewDemoKey();
        await using var host = await StartHostAsync(database, key);
        var output = Directory.CreateTempSubdirectory("load-test-");

        // Six frames a player, a batch of answer typing after every second: three batches a session.
        using var cli = await LoadCli.RunAsync(RunLimit, [.. Arguments(host, key, faces, typing, output.FullName, "1,2", stepSeconds: 6, bound: 60_000), "--answer-typing-every", "2"]);

        Assert.True(cli.ExitCode == 0, cli.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "load.json"), TestContext.Current.CancellationToken));
        var root = report.RootElement;
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(new[] { 1, 2 }, steps.Select(s => s.GetProperty("players").GetInt32()));
        Assert.Equal(2, root.GetProperty("enrollment").GetProperty("learners").GetInt32());
        Assert.True(root.GetProperty("completed").GetBoolean());
        Assert.Equal(2, root.GetProperty("capacityPlayers").GetInt32());
        foreach (var step in steps)
        {
            var players = step.GetProperty("players").GetInt32();
            var sent = step.GetProperty("framesSent").GetInt32();
            var analysed = step.GetProperty("framesAnalysed").GetInt32();
            var latency = step.GetProperty("latencyMs");
            var (p50, p95, p99, max) = (latency.GetProperty("p50").GetDouble(), latency.GetProperty("p95").GetDouble(), latency.GetProperty("p99").GetDouble(), latency.GetProperty("max").GetDouble());
            var hostCost = step.GetProperty("host");
            var sessions = step.GetProperty("sessions");
            var typingChecks = step.GetProperty("typingChecks");
            var lost = step.GetProperty("lost");
            var answerTyping = step.GetProperty("answerTyping");
            var batches = answerTyping.GetProperty("sent").GetInt32();
            var recorded = answerTyping.GetProperty("recorded").GetInt32();
            var refused = answerTyping.GetProperty("refused").EnumerateObject().Sum(r => r.Value.GetInt32());

            Assert.Equal(players * 6, sent);
            Assert.InRange(analysed, 1, sent);
            Assert.Equal(sent, analysed + step.GetProperty("framesShed").GetInt32() + step.GetProperty("framesUnanswered").GetInt32());
            Assert.Equal(analysed / step.GetProperty("seconds").GetDouble(), step.GetProperty("framesAnalysedPerSecond").GetDouble(), 6);
            Assert.True(0 < p50 && p50 <= p95 && p95 <= p99 && p99 <= max, $"latencies {p50} {p95} {p99} {max}");
            Assert.Empty(step.GetProperty("errors").EnumerateObject());
            Assert.Equal(0, step.GetProperty("errorCount").GetInt32());
            Assert.Equal(players, sessions.GetProperty("started").GetInt32());
            Assert.Equal(players, sessions.GetProperty("ended").GetInt32());
            Assert.InRange(typingChecks.GetProperty("sent").GetInt32(), players, players * 3);
            Assert.Equal(typingChecks.GetProperty("sent").GetInt32(), typingChecks.GetProperty("acknowledged").GetInt32());
            Assert.Equal(typingChecks.GetProperty("sent").GetInt32(), typingChecks.GetProperty("usable").GetInt32());
            Assert.Equal(players * 3, batches);
            Assert.Equal(batches, recorded + refused + answerTyping.GetProperty("lost").GetInt32());
            Assert.Equal(batches, recorded);
            Assert.All(lost.EnumerateObject(), l => Assert.Equal(0, l.Value.GetInt32()));
            Assert.Equal(players, step.GetProperty("verdicts").EnumerateObject().Sum(v => v.Value.GetInt32()));
            Assert.All(step.GetProperty("verdicts").EnumerateObject(), v => Assert.Contains(v.Name, Verdicts));
            Assert.True(hostCost.GetProperty("cpuSeconds").GetDouble() > 0, hostCost.ToString());
            Assert.True(hostCost.GetProperty("coresUsed").GetDouble() > 0, hostCost.ToString());
            Assert.True(hostCost.GetProperty("framesPerSecondPerCore").GetDouble() > 0, hostCost.ToString());
            Assert.InRange(hostCost.GetProperty("rssBeforeMb").GetDouble(), 50.0, hostCost.GetProperty("rssPeakMb").GetDouble());
            Assert.True(step.GetProperty("withinBound").GetBoolean());
        }

        var png = await File.ReadAllBytesAsync(Path.Combine(output.FullName, "load-sweep.png"), TestContext.Current.CancellationToken);
        Assert.Equal(PngSignature, png[..4]);
        Assert.Contains("Capacity: 2 players", cli.Output, StringComparison.Ordinal);
        await using (var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            // Kept by the service as sent: 9 batches of 50 key presses, numbered 1 to 3 in each session.
            Assert.Equal(new[] { 9, 450, 1, 3 }, await connection.ExecuteScalarAsync<int[]>(
                "SELECT ARRAY[count(*)::int, sum(key_presses)::int, min(batch_number), max(batch_number)] FROM proctoring.session_answer_typing"));
        }

        Assert.Contains("Answer typing: 6 batches sent, 6 recorded, 0 refused, 0 lost", cli.Output, StringComparison.Ordinal);
        Assert.Empty(root.GetProperty("recovery").EnumerateArray());
        output.Delete(recursive: true);
    }

    [Fact]
    public async Task A_step_after_an_overloaded_one_is_reported_as_recovered_or_not()
    {
        var (faces, typing) = SharedInputs();
        await using var database = await TestDatabase.CreateEmptyAsync();
        var key = LoadCli.NewDemoKey();
        await using var host = await StartHostAsync(database, key);
        var output = Directory.CreateTempSubdirectory("load-test-");

        // A bound no analysed frame can meet (1 ms): every step is overloaded by it, so the second is not back under it.
        // A batch of answer typing after every frame: the overloaded step keeps every one.
        using var cli = await LoadCli.RunAsync(RunLimit, [.. Arguments(host, key, faces, typing, output.FullName, "2,1", stepSeconds: 4, bound: 1), "--answer-typing-every", "1"]);

        Assert.True(cli.ExitCode == 0, cli.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "load.json"), TestContext.Current.CancellationToken));
        var steps = report.RootElement.GetProperty("steps").EnumerateArray().ToList();
        var recovery = Assert.Single(report.RootElement.GetProperty("recovery").EnumerateArray());
        Assert.Equal(2, recovery.GetProperty("afterPlayers").GetInt32());
        Assert.Equal(1, recovery.GetProperty("players").GetInt32());
        Assert.Equal(steps[1].GetProperty("latencyMs").GetProperty("p99").GetDouble(), recovery.GetProperty("p99Ms").GetDouble());
        Assert.Equal(steps[1].GetProperty("framesShed").GetInt32(), recovery.GetProperty("framesShed").GetInt32());
        Assert.False(recovery.GetProperty("recovered").GetBoolean());
        Assert.All(steps, step =>
        {
            var answerTyping = step.GetProperty("answerTyping");
            Assert.Equal(step.GetProperty("players").GetInt32() * 4, answerTyping.GetProperty("sent").GetInt32());
            Assert.Equal(0, step.GetProperty("lost").GetProperty("answerTyping").GetInt32());
            Assert.Equal(answerTyping.GetProperty("sent").GetInt32(), answerTyping.GetProperty("recorded").GetInt32());
        });
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("capacityPlayers").ValueKind);
        Assert.Contains("Recovery: 1 players after 2", cli.Output, StringComparison.Ordinal);
        Assert.Contains("not back under the bound", cli.Output, StringComparison.Ordinal);
        output.Delete(recursive: true);
    }

    [Fact]
    public async Task When_the_Host_is_killed_mid_run_the_tool_reports_the_errors_and_exits_non_zero_without_hanging()
    {
        var (faces, typing) = SharedInputs();
        await using var database = await TestDatabase.CreateEmptyAsync();
        var key = LoadCli.NewDemoKey();
        var host = await StartHostAsync(database, key);
        var output = Directory.CreateTempSubdirectory("load-test-");
        try
        {
            using var cli = LoadCli.Start(Arguments(host, key, faces, typing, output.FullName, "2,3", stepSeconds: 120, bound: 60_000));
            await cli.WaitForOutputAsync("Enrolled 3 learners", RunLimit);
            await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
            await host.KillAsync();
            // Far less than the step's 120 s: the lost connections end the players, not the step's deadline.
            await cli.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.True(cli.ExitCode == 1, cli.Output);
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "load.json"), TestContext.Current.CancellationToken));
            var steps = report.RootElement.GetProperty("steps").EnumerateArray().ToList();
            var errors = steps[0].GetProperty("errors");
            Assert.Single(steps);
            Assert.False(report.RootElement.GetProperty("completed").GetBoolean());
            Assert.True(errors.TryGetProperty("host_exited", out _), errors.ToString());
            Assert.True(errors.TryGetProperty("connection_lost", out var lostConnections) && lostConnections.GetInt32() >= 2, errors.ToString());
            Assert.Equal(2, steps[0].GetProperty("lost").GetProperty("verdicts").GetInt32());
            Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("capacityPlayers").ValueKind);
            Assert.Contains("The sweep stopped after 1 of 2 steps", cli.Output, StringComparison.Ordinal);
        }
        finally
        {
            await host.DisposeAsync();
            output.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Interrupted_during_a_step_the_tool_writes_the_report_and_the_plot_with_that_step_partial_and_exits_130(string signal)
    {
        var (faces, typing) = SharedInputs();
        await using var database = await TestDatabase.CreateEmptyAsync();
        var key = LoadCli.NewDemoKey();
        await using var host = await StartHostAsync(database, key);
        var output = Directory.CreateTempSubdirectory("load-test-");
        try
        {
            using var cli = LoadCli.Start(Arguments(host, key, faces, typing, output.FullName, "1,2", stepSeconds: 120, bound: 60_000));
            await cli.WaitForOutputAsync("Enrolled 2 learners", RunLimit);
            await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
            await cli.SignalAsync(signal);
            // Far less than the step's 120 s: the signal ends the step, not its deadline.
            await cli.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.True(cli.ExitCode == 130, cli.Output);
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "load.json"), TestContext.Current.CancellationToken));
            var root = report.RootElement;
            var step = Assert.Single(root.GetProperty("steps").EnumerateArray());
            Assert.False(root.GetProperty("completed").GetBoolean());
            Assert.Equal(1, step.GetProperty("players").GetInt32());
            Assert.True(step.GetProperty("partial").GetBoolean());
            Assert.False(step.GetProperty("withinBound").GetBoolean());
            Assert.InRange(step.GetProperty("framesSent").GetInt32(), 1, 119);
            Assert.Equal(0, step.GetProperty("tokenRetries").GetProperty("gaveUp").GetInt32());
            Assert.Equal(0, root.GetProperty("enrollment").GetProperty("retries").GetProperty("gaveUp").GetInt32());
            var png = await File.ReadAllBytesAsync(Path.Combine(output.FullName, "load-sweep.png"), TestContext.Current.CancellationToken);
            Assert.Equal(PngSignature, png[..4]);
            Assert.Contains("The sweep stopped after 1 of 2 steps (interrupted", cli.Output, StringComparison.Ordinal);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Hostile_or_unbounded_options_are_refused_before_anything_is_sent()
    {
        var folder = Directory.CreateTempSubdirectory("load-options-");
        var typing = Path.Combine(folder.FullName, "typing.csv");
        await File.WriteAllTextAsync(typing, "", TestContext.Current.CancellationToken);
        string[] valid = ["--api-key", "vk_x", "--course", DemoCourse, "--faces", folder.FullName, "--typing", typing];
        string[] With(params string[] extra) => [.. valid, .. extra];
        var cases = new List<(string[] Arguments, string Message)>
        {
            (With("--url", "http://example.org"), "--url must name this machine"),
            (With("--url", "http://10.0.0.1:5080"), "--url must name this machine"),
            (new[] { "--api-key", "vk_x", "--course", DemoCourse, "--faces", Path.Combine(folder.FullName, "missing"), "--typing", typing }, "is not a folder"),
            (new[] { "--api-key", "vk_x", "--course", DemoCourse, "--faces", folder.FullName, "--typing", typing + ".missing" }, "is not a file"),
            (new[] { "--course", DemoCourse, "--faces", folder.FullName, "--typing", typing }, "--api-key and --course are required"),
            (With("--players", "1001"), "1 to 8 steps of 1..1000 players"),
            (With("--players", "0"), "1 to 8 steps of 1..1000 players"),
            (With("--players", "1..1000000:1"), "1 to 8 steps of 1..1000 players"),
            (With("--players", "10,abc"), "1 to 8 steps of 1..1000 players"),
            (With("--players", "1,2,3,4,5,6,7,8,9"), "1 to 8 steps of 1..1000 players"),
            (With("--interval-seconds", "0.01"), "--interval-seconds 0.2..60, --step-seconds 2..600"),
            (With("--step-seconds", "601"), "--interval-seconds 0.2..60, --step-seconds 2..600"),
            (With("--players", "10,20,30,40,50,60,70", "--step-seconds", "600"), "--interval-seconds 0.2..60, --step-seconds 2..600"),
            (With("--p99-bound-ms", "0"), "--p99-bound-ms above 0"),
            (With("--answer-typing-every=-1"), "--answer-typing-every 0..1000 frames"),
            (With("--answer-typing-every", "1000000"), "--answer-typing-every 0..1000 frames"),
            (With("--answer-typing-every", "1", "--interval-seconds", "0.2", "--step-seconds", "600"), "at most 2000 batches a session"),
            (With("--host-pid", int.MaxValue.ToString(CultureInfo.InvariantCulture)), "no such process"),
        };

        foreach (var (arguments, message) in cases)
        {
            using var cli = await LoadCli.RunAsync(TimeSpan.FromSeconds(60), arguments);

            Assert.True(cli.ExitCode != 0, string.Join(' ', arguments) + "\n" + cli.Output);
            Assert.Contains(message, cli.Output, StringComparison.Ordinal);
        }

        // A folder without anyone photographed often enough: refused once the inputs are read, nothing sent.
        using var nobody = await LoadCli.RunAsync(TimeSpan.FromSeconds(60), "--api-key", "vk_x", "--course", DemoCourse, "--faces", folder.FullName, "--typing", SharedInputs().Typing);
        Assert.Equal(2, nobody.ExitCode);
        Assert.Contains("needs folders with at least 7 .jpg photos", nobody.Output, StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    private static (string Faces, string Typing) SharedInputs() =>
        (SharedData.RequireDirectory(Path.Combine("face", "lfw")), SharedData.RequireDirectory(Path.Combine("keystroke", "DSL-StrongPasswordData.csv")));

    /// <summary>A Host with the demo data; returns once the demo seeder has imported the key (it does so while the Host starts).</summary>
    private static async Task<HostProcess> StartHostAsync(TestDatabase database, string key)
    {
        var host = await HostProcess.StartAsync(database.ConnectionString, key, extraSettings: new Dictionary<string, string>
        {
            ["Demo__Seed"] = "true",
            ["Demo__ApiKey"] = key,
        });
        using var client = host.CreateClient();
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/identity/status?learnerId=01935f00-0000-7000-8000-000000000004&courseId={DemoCourse}");
            request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return host;
            }

            Assert.True(attempt < 120, $"the demo key was not accepted: {(int)response.StatusCode}\n{host.Output}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static string[] Arguments(HostProcess host, string key, string faces, string typing, string output, string players, int stepSeconds, double bound) =>
    [
        "--url", host.Address.ToString(), "--api-key", key, "--course", DemoCourse, "--faces", faces, "--typing", typing,
        "--players", players, "--interval-seconds", "1", "--step-seconds", stepSeconds.ToString(CultureInfo.InvariantCulture),
        "--p99-bound-ms", bound.ToString(CultureInfo.InvariantCulture), "--settle-seconds", "1", "--host-pid", host.ProcessId.ToString(CultureInfo.InvariantCulture),
        "--out", output,
    ];
}
