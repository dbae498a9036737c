using System.Diagnostics;
using Verification.Testing;

namespace Verification.Certificates.Tests.Support;

/// <summary>Child processes a verifier would run: the service's CLI and node with jose.</summary>
public static class Processes
{
    private static readonly SemaphoreSlim NpmInstall = new(1, 1);

    public static async Task<(int ExitCode, string Output)> CliAsync(params string[] arguments)
    {
        // The CLI's output folder mirrors this project's (bin/<configuration>/<framework>/<rid>).
        var outputFolder = Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "tests", "Verification.Certificates.Tests"), AppContext.BaseDirectory);
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Verification.Cli", outputFolder, "Verification.Cli.dll");
        Assert.True(File.Exists(dll), dll + " is not built");
        return await RunAsync("dotnet", [dll, .. arguments], null);
    }

    /// <summary>
    /// Runs samples/CertificateServiceClient as a platform would (<c>dotnet CertificateServiceClient.dll</c>). The
    /// process starts before this returns, so a caller may act while it runs (a webhook receiver) and await it after.
    /// </summary>
    public static Task<(int ExitCode, string Output)> SampleClientAsync(params string[] arguments)
    {
        var outputFolder = Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "tests", "Verification.Certificates.Tests"), AppContext.BaseDirectory);
        var dll = Path.Combine(RepositoryPaths.Root, "samples", "CertificateServiceClient", outputFolder, "CertificateServiceClient.dll");
        Assert.True(File.Exists(dll), dll + " is not built");
        return RunAsync("dotnet", [dll, .. arguments], null);
    }

    /// <summary>Runs jose's <c>jwtVerify</c> on the JWT with the JWKS (verify.mjs); installs jose from its lock file once.</summary>
    public static async Task<(int ExitCode, string Output)> JoseAsync(string jwt, string jwks)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Verification.Certificates.Tests", "jose");
        await NpmInstall.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "jose")))
            {
                var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--silent"], folder);
                Assert.True(code == 0, "npm ci failed: " + output);
            }
        }
        finally
        {
            NpmInstall.Release();
        }

        var directory = Directory.CreateTempSubdirectory("jose-");
        try
        {
            var jwtFile = Path.Combine(directory.FullName, "credential.jwt");
            var jwksFile = Path.Combine(directory.FullName, "jwks.json");
            await File.WriteAllTextAsync(jwtFile, jwt, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(jwksFile, jwks, TestContext.Current.CancellationToken);
            return await RunAsync("node", [Path.Combine(folder, "verify.mjs"), jwtFile, jwksFile], folder);
        }
        finally
        {
            directory.Delete(true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
