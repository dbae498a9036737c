using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Verification.Matching.Benchmarks.Face;

// dotnet run -c Release --project benchmarks/Verification.Matching.Benchmarks -- --filter '*'
// ... -- --stages [iterations]: where the whole frame's time goes, stage by stage (StageTimer)
// ... -- --dump FILE [people]: every engine output on fixed frames, to diff before and after (AnalysisDump)
var root = BenchmarkPaths.Root;
if (args.Length > 0 && args[0] == "--stages")
{
    // A quick Stopwatch split of the whole frame into its stages (StageTimer), not a BenchmarkDotNet run.
    StageTimer.Run(root, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
    return;
}

if (args.Length > 1 && args[0] == "--dump")
{
    // Every engine output on fixed frames, to diff before and after a change that must not alter results.
    AnalysisDump.Write(root, args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60);
    return;
}

if (File.Exists(SessionChoiceLog.PathUnder(root)))
{
    File.Delete(SessionChoiceLog.PathUnder(root));
}

// On a machine shared with other builds the generated project can take longer than BenchmarkDotNet's 2 minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
FaceRatioReport.Print(summaries, root);

/// <summary>Entry point type for BenchmarkSwitcher.</summary>
internal static partial class Program;
