using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Verification.Matching.Benchmarks.Face;

// dotnet run -c Release --project benchmarks/Verification.Matching.Benchmarks -- --filter '*'
var root = BenchmarkPaths.Root;
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
