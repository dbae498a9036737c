using System.Diagnostics;
using Verification.Testing;

namespace Verification.Host.Tests.Health;

/// <summary>Starts the built Host as a real process, as an operator would, and reads what it prints.</summary>
public sealed class StartupErrorTests
{
    private static async Task<(int ExitCode, string Output)> RunHostAsync(string? database, string? tokenKey = null, IReadOnlyDictionary<string, string>? environment = null)
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
        start.Environment["Proctoring__TokenSigningKey"] = tokenKey ?? "";
        start.Environment["Audit__Key"] = Verification.BuildingBlocks.Audit.AuditKey.Generate();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

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
        var (exitCode, output) = await RunHostAsync("Host=127.0.0.1;Port=1;Username=postgres;Database=verification;Timeout=3", Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey());

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

    [Fact]
    public async Task Names_the_setting_to_change_when_the_token_signing_key_is_missing()
    {
        var (exitCode, output) = await RunHostAsync("Host=127.0.0.1;Port=1;Username=postgres;Database=verification;Timeout=3");

        Assert.Equal(1, exitCode);
        Assert.Contains("Proctoring:TokenSigningKey", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Username=postgres;Database=verification;Timeout=3";

    [Fact]
    public async Task Refuses_to_start_in_Production_with_the_demo_switched_on()
    {
        var (exitCode, output) = await RunHostAsync(UnreachableDatabase, Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey(),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Demo__Seed"] = "true" });

        Assert.Equal(1, exitCode);
        Assert.Single(output.Split('\n'), line => line.Contains("Verification cannot start", StringComparison.Ordinal));
        Assert.Contains("Demo:Seed is on in the Production environment", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Audit:Key is not set")]
    [InlineData("c2hvcnQ=", "Audit:Key holds 5 bytes; it needs at least 32")]
    [InlineData("not base64!", "Audit:Key is not base64")]
    public async Task Names_the_setting_to_change_when_the_audit_key_is_missing_or_unusable(string key, string expected)
    {
        var (exitCode, output) = await RunHostAsync(UnreachableDatabase, Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey(),
            new Dictionary<string, string> { ["Audit__Key"] = key });

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Length > 0 ? key : "\u0000", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Redis__Configuration", "127.0.0.1:6379,connectTimeout=soon", "Redis: Configuration is not a valid Redis configuration string")]
    [InlineData("Redis__Configuration", "connectTimeout=100", "Redis: Configuration names no Redis endpoint")]
    [InlineData("Proctoring__Nodes__LeaseSeconds", "5", "Proctoring:Nodes: LeaseSeconds is 5: at least two heartbeats and a second (11)")]
    [InlineData("Proctoring__Nodes__HeartbeatSeconds", "0", "Proctoring:Nodes: HeartbeatSeconds is 0")]
    public async Task Names_the_scale_out_setting_to_change_when_it_is_unusable(string name, string value, string expected)
    {
        var (exitCode, output) = await RunHostAsync(UnreachableDatabase, Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey(),
            new Dictionary<string, string> { [name] = value });

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "Proctoring:Sessions: Fusion:SeveralFacesFrames is 0: frames in a row before the flag; use 1 to EvidenceWindow (8)")]
    [InlineData("9", "Proctoring:Sessions: Fusion:SeveralFacesFrames is 9: frames in a row before the flag; use 1 to EvidenceWindow (8)")]
    public async Task Names_the_several_faces_persistence_when_it_is_unusable(string frames, string expected)
    {
        var (exitCode, output) = await RunHostAsync(UnreachableDatabase, Verification.BuildingBlocks.Encryption.EnvelopeEncryption.GenerateKey(),
            new Dictionary<string, string> { ["Proctoring__Sessions__Fusion__SeveralFacesFrames"] = frames });

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
