using System.Diagnostics;
using Verification.Testing;

namespace Verification.Player.Tests;

/// <summary>
/// The player's answer-typing recorder under node's test runner (Scripts/answer-typing-recorder.test.mjs): answers the
/// service gives late, after the learner started another session, which a browser test cannot time.
/// </summary>
public sealed class AnswerTypingRecorderScriptTests
{
    [Fact]
    public async Task A_late_refusal_from_an_ended_session_leaves_the_next_session_recording_and_a_current_refusal_stops_it()
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "Verification.Player.Tests", "Scripts", "answer-typing-recorder.test.mjs");
        var start = new ProcessStartInfo("node", ["--test", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var report = await output + await error;
        Assert.True(process.ExitCode == 0, report);
        Assert.Contains("# pass 2", report, StringComparison.Ordinal);
    }
}
