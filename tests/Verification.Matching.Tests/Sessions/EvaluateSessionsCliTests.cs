using Verification.Testing;

namespace Verification.Matching.Tests.Sessions;

/// <summary><c>verification evaluate sessions</c> as an operator runs it: options that do not go together are refused before any work.</summary>
public sealed class EvaluateSessionsCliTests
{
    [Fact]
    public async Task An_impostors_earlier_session_without_an_earlier_session_is_refused_with_its_reason()
    {
        var result = await ChildProcess.RunAsync(
            "dotnet", [ChildProcess.CliDll, "evaluate", "sessions", "--earlier-session-impostor", "--out", Path.Combine(Path.GetTempPath(), "never-written")],
            workingDirectory: RepositoryPaths.Root);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--earlier-session-impostor needs --earlier-session", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "never-written")));
    }
}
