using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Load;

/// <summary>The built CLI's <c>load-test</c> as a child process, its output collected as it comes.</summary>
public sealed class LoadCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LoadCli(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

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

    public int ExitCode => _process.ExitCode;

    /// <summary>A key in the format the Access module issues, for the demo seeder to import (Demo:ApiKey).</summary>
    public static string NewDemoKey() =>
        $"vk_{RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 8)}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static LoadCli Start(params string[] arguments)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "src", "Verification.Cli", "bin", "Release", "net10.0", "linux-x64", "Verification.Cli.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution in Release first (./test.sh does).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("load-test");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new LoadCli(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    public static async Task<LoadCli> RunAsync(TimeSpan limit, params string[] arguments)
    {
        var cli = Start(arguments);
        await cli.WaitAsync(limit);
        return cli;
    }

    /// <summary>Waits for the tool to exit by itself; one still running after the limit fails the test (it hung).</summary>
    public async Task WaitAsync(TimeSpan limit)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            Assert.Fail($"load-test still ran after {limit.TotalSeconds} s:\n{Output}");
        }

        // The last lines of output are read after the exit.
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Sends the tool a signal as a terminal's Ctrl+C (INT) or a service manager's stop (TERM) does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task WaitForOutputAsync(string text, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"load-test did not print \"{text}\" within {limit.TotalSeconds} s:\n{Output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
