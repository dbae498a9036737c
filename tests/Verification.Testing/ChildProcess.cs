using System.Diagnostics;

namespace Verification.Testing;

/// <summary>What a child process printed and how it ended.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Both streams, for an assertion's message.</summary>
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}

/// <summary>Runs a program to its end as an operator or a verifier would, with its own environment and a time limit.</summary>
public static class ChildProcess
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    /// <summary>The service's CLI built beside the calling test project (bin/&lt;configuration&gt;/&lt;framework&gt;/&lt;rid&gt;).</summary>
    public static string CliDll
    {
        get
        {
            var projectFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
            var dll = Path.Combine(RepositoryPaths.Root, "src", "Verification.Cli", Path.GetRelativePath(projectFolder, AppContext.BaseDirectory), "Verification.Cli.dll");
            Assert.True(File.Exists(dll), dll + " is not built");
            return dll;
        }
    }

    /// <summary>Runs the CLI with <paramref name="arguments"/>; a variable set to null or "" in <paramref name="environment"/> is cleared for it.</summary>
    public static Task<ProcessResult> CliAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunAsync("dotnet", [CliDll, .. arguments], environment);

    public static async Task<ProcessResult> RunAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, TimeSpan? limit = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var cancel = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var error = process.StandardError.ReadToEndAsync(cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(limit ?? DefaultLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not end within {limit ?? DefaultLimit}: {await output}{await error}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
