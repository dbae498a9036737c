using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Verification.Testing;

/// <summary>
/// Seeded, bounded property runs. CI runs each property its own small number of times with a fixed seed, so a run
/// is repeatable and quick; <c>VERIFICATION_FUZZ_EXECUTIONS=N</c> runs every property N times instead (the long run,
/// docs/fuzzing.md) and <c>VERIFICATION_FUZZ_SEED</c> picks another seed. A failure names the seed to replay.
/// </summary>
public static class FuzzRun
{
    public const string ExecutionsVariable = "VERIFICATION_FUZZ_EXECUTIONS";

    public const string SeedVariable = "VERIFICATION_FUZZ_SEED";

    private const ulong DefaultSeed = 20261130;

    // SplitMix64's golden gamma; FsCheck needs an odd one.
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public static int Executions(int ciExecutions) =>
        int.TryParse(Environment.GetEnvironmentVariable(ExecutionsVariable), out var executions) && executions > 0 ? executions : ciExecutions;

    public static void Check<T>(Gen<T> generator, Action<T> property, int ciExecutions)
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var chosen) ? chosen : DefaultSeed;
        var executions = Executions(ciExecutions);
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(executions)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, Gamma), FSharpOption<int>.None)));
        Prop.ForAll(Arb.From(generator), property).Check(config);
        TestContext.Current.TestOutputHelper?.WriteLine($"{executions} executions, seed {seed}: no failure");
    }
}
