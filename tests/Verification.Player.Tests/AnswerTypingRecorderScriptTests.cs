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
        var result = await ChildProcess.RunAsync("node", ["--test", script], limit: TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("# pass 2", result.Output, StringComparison.Ordinal);
    }
}
