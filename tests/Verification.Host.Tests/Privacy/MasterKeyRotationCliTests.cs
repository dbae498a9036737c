using System.Diagnostics;
using Dapper;
using Verification.BuildingBlocks.Encryption;
using Verification.Host.Startup;
using Verification.Testing;

namespace Verification.Host.Tests.Privacy;

/// <summary><c>verification master-key rotate</c> and <c>status</c>, run as an operator runs them: the built CLI as a process, killed mid-way.</summary>
public sealed class MasterKeyRotationCliTests : IAsyncLifetime
{
    private static readonly string OldKey = EnvelopeEncryption.GenerateKey();
    private static readonly string NewKey = EnvelopeEncryption.GenerateKey();
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync([.. ModuleCatalog.All.Select(m => m.Migrations)]);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_rotation_killed_mid_way_leaves_every_row_readable_and_the_next_run_finishes_it()
    {
        var rows = new SealedRows(_database.DataSource);
        for (var i = 0; i < 60; i++)
        {
            await rows.AddOneOfEachAsync(MasterKeyRotationTests.Keys("old", ("old", OldKey)), Cancel);
        }

        using (var rotate = Start("master-key", "rotate", "--batch-size", "3", "--pause", "25"))
        {
            var drained = rotate.StandardOutput.ReadToEndAsync(Cancel);
            await using var connection = await _database.DataSource.OpenConnectionAsync(Cancel);
            while (await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM proctoring.learner_keys WHERE key_id = 'new'") < 10)
            {
                Assert.False(rotate.HasExited, "the rotation ended before it could be killed");
                await Task.Delay(20, Cancel);
            }

            rotate.Kill(entireProcessTree: true);
            await rotate.WaitForExitAsync(Cancel);
            await drained;
        }

        var during = MasterKeyRotationTests.Keys("new", ("old", OldKey), ("new", NewKey));
        var left = await new MasterKeyRotation(_database.DataSource, during, [.. ModuleCatalog.All.SelectMany(m => m.SealedColumns)]).RemainingAsync(Cancel);
        Assert.InRange(left, 1, rows.Count - 10);
        Assert.Equal(rows.Count, await rows.ReadAllAsync(during, Cancel));

        var pending = await RunAsync("master-key", "status");
        var resumed = await RunAsync("master-key", "rotate");
        var done = await RunAsync("master-key", "status");

        Assert.Equal(1, pending.ExitCode);
        Assert.Contains($"{left} ciphertexts still under retired keys", pending.Output, StringComparison.Ordinal);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"rotation complete: re-wrapped {left} ciphertexts", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(0, done.ExitCode);
        Assert.Contains("every ciphertext is under it", done.Output, StringComparison.Ordinal);
        Assert.Equal(rows.Count, await rows.ReadAllAsync(MasterKeyRotationTests.Keys("new", ("new", NewKey)), Cancel));
    }

    [Fact]
    public async Task Cannot_run_without_the_keys_and_says_which_setting_and_exits_2()
    {
        var (exitCode, output) = await RunAsync(new Dictionary<string, string?> { ["Encryption__ActiveKeyId"] = "missing" }, "master-key", "rotate");

        Assert.Equal(2, exitCode);
        Assert.Contains("Encryption:ActiveKeyId 'missing' names no key", output, StringComparison.Ordinal);
        Assert.DoesNotContain(NewKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string?>(), arguments);

    private async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string?> overrides, params string[] arguments)
    {
        using var process = Start(overrides, arguments);
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private Process Start(params string[] arguments) => Start(new Dictionary<string, string?>(), arguments);

    private Process Start(Dictionary<string, string?> overrides, string[] arguments)
    {
        // The CLI's output folder mirrors this project's (bin/<configuration>/<framework>/<rid>).
        var outputFolder = Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "tests", "Verification.Host.Tests"), AppContext.BaseDirectory);
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Verification.Cli", outputFolder, "Verification.Cli.dll");
        Assert.True(File.Exists(dll), dll + " is not built");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["VERIFICATION_DB"] = _database.ConnectionString;
        start.Environment["Encryption__ActiveKeyId"] = "new";
        start.Environment["Encryption__Keys__old"] = OldKey;
        start.Environment["Encryption__Keys__new"] = NewKey;
        foreach (var (name, value) in overrides)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
