using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// A private <c>redis-server</c> (Debian's, installed by test.sh) on a loopback port of its own, without persistence,
/// so a test can stop it under running Hosts without touching the one test.sh shares.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The Redis test.sh starts for the whole run (<c>VERIFICATION_TEST_REDIS</c>).</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("VERIFICATION_TEST_REDIS") is { Length: > 0 } shared
            ? shared
            : throw new InvalidOperationException("VERIFICATION_TEST_REDIS is not set: run the tests through ./test.sh, which starts Redis.");

    /// <summary>The StackExchange.Redis configuration string the Host takes as <c>Redis:Configuration</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=2000,syncTimeout=2000";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort();
        return new RedisServer(await LaunchAsync(port), port);
    }

    /// <summary>A new redis-server on the same port after <see cref="KillAsync"/>: Redis back, empty, as after a restart.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = await LaunchAsync(Port);
    }

    private static async Task<Process> LaunchAsync(int port)
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (test.sh installs it).");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        process.Kill();
        throw new TimeoutException("redis-server did not listen within 30 s.");
    }

    /// <summary>SIGKILL: Redis gone without a goodbye, as when its machine fails.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
