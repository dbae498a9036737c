using BenchmarkDotNet.Attributes;
using Verification.Matching.Face;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// The whole frame's work outside the models, one benchmark per stage (<see cref="FrameStages"/>) on the benchmark
/// frame with the state the earlier stages left; <c>-- --stages</c> gives the same split with Stopwatch in one loop.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class FrameStageBenchmarks
{
    private FaceEngine _engine = null!;
    private FrameStages _stages = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkPaths.Root;
        var options = new FaceOptions();
        options.Sessions.Fix(Verification.Matching.Face.Sessions.GraphOptimization.All);
        _engine = FaceEngine.Load(Path.Combine(root, "models"), options);
        _stages = new FrameStages(_engine, BenchmarkFrame.Create(root), options.Session);
        _stages.RunAll();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stages.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Description = "stage: decode 640x480 JPEG")]
    public void Decode() => _stages.Decode();

    [Benchmark(Description = "stage: detect prepare (resize, tensor)")]
    public void DetectPrepare() => _stages.DetectPrepare();

    [Benchmark(Description = "stage: detect read (threshold, NMS, select)")]
    public void DetectRead() => _stages.DetectRead();

    [Benchmark(Description = "stage: landmark prepare (crop, gray, tensor)")]
    public void LandmarkPrepare() => _stages.LandmarkPrepare();

    [Benchmark(Description = "stage: align (warpAffine 112x112)")]
    public void Align() => _stages.Align();

    [Benchmark(Description = "stage: embedding prepare (tensor)")]
    public void EmbedPrepare() => _stages.EmbedPrepare();

    [Benchmark(Description = "stage: liveness prepare (crop, resize, tensor)")]
    public void LivenessPrepare() => _stages.LivenessPrepare();

    [Benchmark(Description = "stage: brightness and sharpness")]
    public void ImageStats() => _stages.ImageStats();

    [Benchmark(Description = "stage: pose prepare (crop, resize, tensor)")]
    public void PosePrepare() => _stages.PosePrepare();

    [Benchmark(Description = "stage: eye prepare (crop, gray, tensor)")]
    public void EyePrepare() => _stages.EyePrepare(36);
}
