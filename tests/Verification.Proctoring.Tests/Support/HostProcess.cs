using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// The built Host (<c>dotnet src/Verification.Host/bin/Release/net10.0/linux-x64/Verification.Host.dll</c>) as a child
/// process on a port of its own, with the proctoring tests' settings, so a test can kill it (SIGKILL) and start it again.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the Host and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<HostProcess> StartAsync(string connectionString, string platformApiKey, int? port = null, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "bin", "Release", "net10.0", "linux-x64", "Verification.Host.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution in Release first (./test.sh does).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(dll);
        var chosen = port ?? FreePort();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosen}",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Verification"] = connectionString,
            ["Encryption__ActiveKeyId"] = "test1",
            ["Encryption__Keys__test1"] = ProctoringHostFactory.EncryptionKey,
            ["Proctoring__TokenSigningKey"] = ProctoringHostFactory.SigningKey,
            ["Proctoring__TypingPhrase"] = ProctoringHostFactory.TypingPhrase,
            ["Audit__Key"] = ProctoringHostFactory.AuditKey,
            ["Demo__Seed"] = "false",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var host = new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), chosen) { PlatformApiKey = platformApiKey };
        await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>A key of the partner the learners belong to (made by the in-process app over the same database).</summary>
    public string PlatformApiKey { get; private init; } = "";

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public HubConnection BuildHubConnection() =>
        new HubConnectionBuilder().WithUrl(new Uri(Address, "/hubs/proctoring")).AddMessagePackProtocol().Build();

    /// <summary>A session token minted by this Host through POST /api/v1/tokens with the platform's API key.</summary>
    public async Task<string> SessionTokenAsync(TestLearner learner, string assessmentId, int attempt = 1)
    {
        using var response = await RequestSessionTokenAsync(learner, assessmentId, attempt);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>POST /api/v1/tokens for a session token, answered as it is (a refusal included).</summary>
    public async Task<HttpResponseMessage> RequestSessionTokenAsync(TestLearner learner, string assessmentId, int attempt = 1)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens")
        {
            Content = JsonContent.Create(new { learner.LearnerId, learner.CourseId, purpose = "session", assessmentId, attempt }),
        };
        request.Headers.Add("X-Api-Key", PlatformApiKey);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The value of a Prometheus series of this Host's /metrics whose line holds every given label (0 when absent).</summary>
    public async Task<double> MetricAsync(string name, string label)
    {
        using var client = CreateClient();
        var scrape = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        return scrape.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
            .Select(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();
    }

    /// <summary>SIGKILL: no shutdown, no flush, exactly what a crash leaves behind.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
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

    private async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The Host was not ready within 3 minutes:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
