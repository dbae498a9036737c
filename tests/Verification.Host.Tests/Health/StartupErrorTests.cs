using System.Diagnostics;
using Verification.Testing;

namespace Verification.Host.Tests.Health;

/// <summary>Starts the built Host as a real process, as an operator would, and reads what it prints.</summary>
public sealed class StartupErrorTests
{
    private static async Task<(int ExitCode, string Output)> RunHostAsync(string? database)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Verification.Host.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.Environment["VERIFICATION_DB"] = database ?? "";
        start.Environment["ConnectionStrings__Verification"] = "";
        start.Environment["Encryption__ActiveKeyId"] = "k";
        start.Environment["Encryption__Keys__k"] = Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey();
        // The sessions' hosted services need the token key at start; only the database setting is under test here.
        start.Environment["Proctoring__TokenSigningKey"] = Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Names_the_setting_to_change_when_the_database_is_unreachable()
    {
        var (exitCode, output) = await RunHostAsync("Host=127.0.0.1;Port=1;Username=postgres;Database=verification;Timeout=3");

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot reach PostgreSQL at Host=127.0.0.1;Port=1", output, StringComparison.Ordinal);
        Assert.Contains("VERIFICATION_DB", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_the_setting_to_change_when_no_database_is_configured()
    {
        var (exitCode, output) = await RunHostAsync(null);

        Assert.Equal(1, exitCode);
        Assert.Contains("No database is configured", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Verification", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
