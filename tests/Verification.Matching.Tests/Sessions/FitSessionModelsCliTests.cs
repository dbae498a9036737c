using Verification.Testing;

namespace Verification.Matching.Tests.Sessions;

/// <summary><c>verification fit session-models</c> as an operator runs it: an impossible count is refused before any work, and the shipped file stays.</summary>
public sealed class FitSessionModelsCliTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    public async Task Impostor_checks_beyond_one_sitting_are_refused_with_their_reason_and_the_models_file_is_left_as_it_is(string checks)
    {
        var models = Path.Combine(RepositoryPaths.Models, "session-score-models.json");
        var before = await File.ReadAllBytesAsync(models, TestContext.Current.CancellationToken);

        var result = await ChildProcess.RunAsync(
            "dotnet", [ChildProcess.CliDll, "fit", "session-models", "--impostor-checks", checks, "--out", Path.Combine(Path.GetTempPath(), "never-written-fit")],
            workingDirectory: RepositoryPaths.Root);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"--impostor-checks must be 1 to 50, the typings of one CMU sitting (was {checks})", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "never-written-fit")));
        Assert.Equal(before, await File.ReadAllBytesAsync(models, TestContext.Current.CancellationToken));
    }
}
