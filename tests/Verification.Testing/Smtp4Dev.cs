using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Verification.Testing;

/// <summary>
/// A second smtp4dev of a test's own (the repository's dotnet tool, started as test.sh starts its own), on free ports
/// chosen up front, so a test can start it late and stop it (a mail server outage) without touching test.sh's server.
/// </summary>
public sealed class Smtp4Dev : IAsyncDisposable
{
    private Process? _process;

    public int SmtpPort { get; } = FreePort();

    public int WebPort { get; } = FreePort();

    /// <summary>Its HTTP API, for reading what arrived.</summary>
    public HttpClient Api => new() { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}") };

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "smtp4dev", "--urls", $"http://127.0.0.1:{WebPort}", "--smtpport", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--imapport", "", "--pop3port", "", "--db", "", "--nousersettings", "--hostname", "localhost",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        using var client = Api;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/api/messages", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode && await AcceptsAsync(SmtpPort))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"smtp4dev did not come up on {SmtpPort}/{WebPort}.");
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Kills the server: connections to its SMTP port are refused from now on.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
