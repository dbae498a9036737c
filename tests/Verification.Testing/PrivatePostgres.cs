using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Verification.Testing;

/// <summary>
/// A PostgreSQL cluster of a test's own, which the test may stop and start (an outage) without touching the cluster
/// <c>./test.sh</c> shares. Made like scripts/lib.sh makes clusters: as root, the server tools run as <c>postgres</c>.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;

    private PrivatePostgres(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = "postgres", Timeout = 3, CommandTimeout = 10,
    }.ConnectionString;

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries are not installed under /usr/lib/postgresql (./test.sh installs them).");
        var directory = Directory.CreateTempSubdirectory("verification-pg-").FullName;
        await RunAsync("chmod", ["755", directory]);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres:", directory]);
        }

        var server = new PrivatePostgres(directory, bin, FreePort());
        await server.RunServerToolAsync("initdb", ["-D", server.Data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
        await server.StartServerAsync();
        return server;
    }

    private string Data => Path.Combine(_directory, "data");

    public Task StartServerAsync() => RunServerToolAsync("pg_ctl",
        ["-D", Data, "-l", Path.Combine(_directory, "log"), "-w", "-t", "60", "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);

    /// <summary>Stops the server at once, dropping every connection: an outage as the service sees it.</summary>
    public Task StopServerAsync() => RunServerToolAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
