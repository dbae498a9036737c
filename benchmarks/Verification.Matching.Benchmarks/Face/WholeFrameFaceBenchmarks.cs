using BenchmarkDotNet.Attributes;
using Verification.Matching.Face;
using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// A whole 640×480 JPEG frame to a result, with every model at <c>All</c> (as before the per-model choice) and with the
/// levels measured at load; and a frame refused as blurred, with the pose and eye models skipped (as shipped) or run.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class WholeFrameFaceBenchmarks
{
    public const string Measured = "measured";

    private FaceEngine _engine = null!;
    private FaceEngine _full = null!;
    private byte[] _jpeg = [];
    private byte[] _blurred = [];
    private QualityGateSettings _gates = null!;

    [Params("All", Measured)]
    public string Sessions { get; set; } = Measured;

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkPaths.Root;
        // A longer budget than the Host's 3 s default, so the choice is measured even on a machine shared with other work.
        var options = new FaceOptions { Sessions = { MeasureBudgetMilliseconds = 10_000 } };
        if (Sessions != Measured)
        {
            options.Sessions.Fix(Enum.Parse<GraphOptimization>(Sessions));
        }

        _engine = FaceEngine.Load(Path.Combine(root, "models"), options);
        // The engine that runs every model uses the levels just chosen, so the two differ only in what they skip.
        var same = new FaceSessionOptions();
        foreach (var choice in _engine.SessionChoices)
        {
            same.For(choice.Model).GraphOptimizationLevel = choice.Level;
        }

        _full = FaceEngine.Load(Path.Combine(root, "models"), new FaceOptions { Sessions = same }, FacePipelineVariant.Default with { SkipDecidedChecks = false });
        _gates = options.Session;
        _jpeg = BenchmarkFrame.Create(root);
        _blurred = BenchmarkFrame.CreateBlurred(root);
        SessionChoiceLog.Write(root, Sessions, _engine);

        var check = _engine.Analyze(_jpeg, _gates);
        if (check.Embedding is null || check.Rejection is not null)
        {
            throw new InvalidOperationException($"The benchmark frame is not accepted: {check.Rejection?.Code}.");
        }

        var refused = _engine.Analyze(_blurred, _gates);
        if (refused.Rejection?.Code != "blurred" || refused.Embedding is null)
        {
            throw new InvalidOperationException($"The blurred benchmark frame is not refused as blurred: {refused.Rejection?.Code}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _full.Dispose();
    }

    [Benchmark(Description = "whole frame: 640x480 JPEG to result")]
    public FaceAnalysis WholeFrame() => _engine.Analyze(_jpeg, _gates);

    [Benchmark(Description = "refused frame (blurred), pose and eyes skipped")]
    public FaceAnalysis RefusedFrame() => _engine.Analyze(_blurred, _gates);

    [Benchmark(Description = "refused frame (blurred), every model run")]
    public FaceAnalysis RefusedFrameFull() => _full.Analyze(_blurred, _gates);
}
