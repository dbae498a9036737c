using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Verification.Cli.Load;

internal sealed class LoadTestSettings : CommandSettings
{
    [CommandOption("--url")]
    [Description("The Host to load, on this machine only (loopback).")]
    public string Url { get; init; } = "http://127.0.0.1:5080";

    [CommandOption("--api-key")]
    [Description("A partner API key with the tokens:mint scope (verification keys create).")]
    public string ApiKey { get; init; } = "";

    [CommandOption("--learner")]
    public Guid LearnerId { get; init; }

    [CommandOption("--course")]
    public Guid CourseId { get; init; }

    [CommandOption("--frames")]
    [Description("A folder of JPEG frames of the enrolled learner, sent in turn.")]
    public string FramesDirectory { get; init; } = "";

    [CommandOption("--clients")]
    public int Clients { get; init; } = 1;

    [CommandOption("--fps")]
    [Description("Frames per second each client sends.")]
    public double FramesPerSecond { get; init; } = 1;

    [CommandOption("--seconds")]
    public int Seconds { get; init; } = 30;

    [CommandOption("--host-pid")]
    [Description("The Host's process id on this machine: its resident memory is reported before, at peak and after the sessions.")]
    public int? HostPid { get; init; }

    [CommandOption("--settle-seconds")]
    [Description("With --host-pid: how long after the sessions end to wait before reading the memory left.")]
    public int SettleSeconds { get; init; } = 15;

    [CommandOption("--out")]
    public string OutputDirectory { get; init; } = "out/load";

    public override ValidationResult Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || !(uri.IsLoopback || uri.Host == "localhost"))
        {
            return ValidationResult.Error("--url must name this machine (127.0.0.1 or localhost): load goes nowhere else.");
        }

        if (!Directory.Exists(FramesDirectory))
        {
            return ValidationResult.Error($"--frames {FramesDirectory} is not a folder.");
        }

        if (Clients is < 1 or > 200 || Seconds is < 1 or > 600 || FramesPerSecond is <= 0 or > 30)
        {
            return ValidationResult.Error("--clients 1..200, --seconds 1..600 and --fps up to 30 keep the run bounded.");
        }

        if (HostPid is { } pid && !File.Exists($"/proc/{pid}/status"))
        {
            return ValidationResult.Error($"--host-pid {pid}: no such process on this machine.");
        }

        return string.IsNullOrEmpty(ApiKey) ? ValidationResult.Error("--api-key is required.") : ValidationResult.Success();
    }
}
