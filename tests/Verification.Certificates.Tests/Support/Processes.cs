using Verification.Testing;

namespace Verification.Certificates.Tests.Support;

/// <summary>Child processes a verifier would run: the service's CLI and node with jose.</summary>
public static class Processes
{
    private static readonly SemaphoreSlim NpmInstall = new(1, 1);

    public static async Task<(int ExitCode, string Output)> CliAsync(params string[] arguments) =>
        Both(await ChildProcess.CliAsync(arguments));

    /// <summary>
    /// Runs samples/CertificateServiceClient as a platform would (<c>dotnet CertificateServiceClient.dll</c>). The
    /// process starts before this returns, so a caller may act while it runs (a webhook receiver) and await it after.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> SampleClientAsync(params string[] arguments)
    {
        var outputFolder = Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "tests", "Verification.Certificates.Tests"), AppContext.BaseDirectory);
        var dll = Path.Combine(RepositoryPaths.Root, "samples", "CertificateServiceClient", outputFolder, "CertificateServiceClient.dll");
        Assert.True(File.Exists(dll), dll + " is not built");
        return Both(await ChildProcess.RunAsync("dotnet", [dll, .. arguments]));
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
                var installed = await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--silent"], workingDirectory: folder);
                Assert.True(installed.ExitCode == 0, "npm ci failed: " + installed);
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
            return Both(await ChildProcess.RunAsync("node", [Path.Combine(folder, "verify.mjs"), jwtFile, jwksFile], workingDirectory: folder));
        }
        finally
        {
            directory.Delete(true);
        }
    }

    private static (int ExitCode, string Output) Both(ProcessResult result) => (result.ExitCode, result.Output + result.Error);
}
