using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Verification.Matching.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type for BenchmarkSwitcher.</summary>
internal static partial class Program;
