using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Verification.Cli.Load;

internal sealed class LoadTestSettings : CommandSettings
{
    public const int MaxPlayers = 1000;
    public const int MaxSteps = 8;
    public const int MaxSweepSeconds = 3600;
    public const int MaxAnswerTypingEvery = 1000;

    /// <summary>The service's highest batch number (AnswerTypingBatchReader.MaxBatch): a session never needs more.</summary>
    public const int MaxAnswerTypingBatches = 2000;

    [CommandOption("--url")]
    [Description("The Host to load, on this machine only (loopback).")]
    public string Url { get; init; } = "http://127.0.0.1:5080";

    [CommandOption("--api-key")]
    [Description("A partner API key with the learners:write and tokens:mint scopes (verification keys create).")]
    public string ApiKey { get; init; } = "";

    [CommandOption("--course")]
    [Description("A course of that partner with a verified track: every simulated learner is enrolled in it.")]
    public Guid CourseId { get; init; }

    [CommandOption("--faces")]
    [Description("LFW photos, one folder per person (../shared/eval-data/face/lfw): five enrol a learner, the others are its webcam frames.")]
    public string FacesDirectory { get; init; } = "../shared/eval-data/face/lfw";

    [CommandOption("--typing")]
    [Description("The CMU keystroke benchmark (DSL-StrongPasswordData.csv); the Host must ask for its phrase (Proctoring:TypingPhrase=.tie5Roanl).")]
    public string TypingFile { get; init; } = "../shared/eval-data/keystroke/DSL-StrongPasswordData.csv";

    [CommandOption("--players")]
    [Description("The sweep's steps: players at once, as a list (25,50,100,200) or a range FIRST..LAST:STEP (25..200:25).")]
    public string Players { get; init; } = "25";

    [CommandOption("--interval-seconds")]
    [Description("Each player sends one frame this often.")]
    public double IntervalSeconds { get; init; } = 5;

    [CommandOption("--step-seconds")]
    [Description("How long each step sends frames before its sessions end.")]
    public int StepSeconds { get; init; } = 60;

    [CommandOption("--answer-typing-every")]
    [Description("Each player sends a batch of 50 answer key presses after every this many frames (0: none); 12 at one frame every 5 s is a batch a minute.")]
    public int AnswerTypingEvery { get; init; } = 12;

    [CommandOption("--p99-bound-ms")]
    [Description("The capacity is the largest step whose frame-to-result p99 stayed under this, without errors.")]
    public double P99BoundMs { get; init; } = 1000;

    [CommandOption("--enroll-parallel")]
    [Description("Learners enrolled at once before the sweep.")]
    public int EnrollParallel { get; init; } = 4;

    [CommandOption("--host-pid")]
    [Description("The Host's process id on this machine: its CPU time and resident memory are reported per step.")]
    public int? HostPid { get; init; }

    [CommandOption("--settle-seconds")]
    [Description("With --host-pid: how long after a step's sessions end to wait before reading the memory left.")]
    public int SettleSeconds { get; init; } = 5;

    [CommandOption("--out")]
    public string OutputDirectory { get; init; } = "out/load";

    /// <summary>The steps of <see cref="Players"/>, parsed by <see cref="Validate"/>.</summary>
    public IReadOnlyList<int> Steps => ParseSteps(Players) ?? [];

    public override ValidationResult Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || !(uri.IsLoopback || uri.Host == "localhost"))
        {
            return ValidationResult.Error("--url must name this machine (127.0.0.1 or localhost): load goes nowhere else.");
        }

        if (string.IsNullOrEmpty(ApiKey) || CourseId == Guid.Empty)
        {
            return ValidationResult.Error("--api-key and --course are required.");
        }

        if (!Directory.Exists(FacesDirectory))
        {
            return ValidationResult.Error($"--faces {FacesDirectory} is not a folder.");
        }

        if (!File.Exists(TypingFile))
        {
            return ValidationResult.Error($"--typing {TypingFile} is not a file.");
        }

        var steps = ParseSteps(Players);
        if (steps is null || steps.Count is 0 or > MaxSteps || steps.Any(s => s is < 1 or > MaxPlayers))
        {
            return ValidationResult.Error($"--players {Players}: 1 to {MaxSteps} steps of 1..{MaxPlayers} players, as 25,50,100 or 25..200:25.");
        }

        if (IntervalSeconds is < 0.2 or > 60 || StepSeconds is < 2 or > 600 || steps.Count * StepSeconds > MaxSweepSeconds)
        {
            return ValidationResult.Error($"--interval-seconds 0.2..60, --step-seconds 2..600 and at most {MaxSweepSeconds} s of steps in all keep the run bounded.");
        }

        if (AnswerTypingEvery is < 0 or > MaxAnswerTypingEvery
            || (AnswerTypingEvery > 0 && LoadStep.FramesPerPlayer(this) / AnswerTypingEvery > MaxAnswerTypingBatches))
        {
            return ValidationResult.Error(
                $"--answer-typing-every 0..{MaxAnswerTypingEvery} frames, at most {MaxAnswerTypingBatches} batches a session.");
        }

        if (P99BoundMs <= 0 || EnrollParallel is < 1 or > 16 || SettleSeconds is < 0 or > 120)
        {
            return ValidationResult.Error("--p99-bound-ms above 0, --enroll-parallel 1..16 and --settle-seconds 0..120.");
        }

        if (HostPid is { } pid && !File.Exists($"/proc/{pid}/stat"))
        {
            return ValidationResult.Error($"--host-pid {pid}: no such process on this machine.");
        }

        return ValidationResult.Success();
    }

    private static List<int>? ParseSteps(string text)
    {
        var range = text.Split("..");
        if (range.Length == 2)
        {
            var last = range[1].Split(':');
            if (!int.TryParse(range[0], CultureInfo.InvariantCulture, out var first) || !int.TryParse(last[0], CultureInfo.InvariantCulture, out var end)
                || last.Length > 2 || first > end)
            {
                return null;
            }

            var step = 1;
            if (last.Length == 2 && (!int.TryParse(last[1], CultureInfo.InvariantCulture, out step) || step < 1))
            {
                return null;
            }

            // Bounded before enumerating: a range like 1..1000000:1 is refused by the step count, not built.
            return (end - first) / step + 1 > MaxSteps ? [.. Enumerable.Repeat(0, MaxSteps + 1)] : [.. Enumerable.Range(0, (end - first) / step + 1).Select(i => first + i * step)];
        }

        var steps = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), CultureInfo.InvariantCulture, out var players))
            {
                return null;
            }

            steps.Add(players);
        }

        return steps;
    }
}
