using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using Verification.Matching.Face;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// Each model's own inference, and a whole 640×480 JPEG frame to a result. The difference between the whole frame and
/// the sum of the inferences is what decoding, resizing, tensor filling and post-processing cost.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class FaceBenchmarks
{
    private FaceEngine _engine = null!;
    private byte[] _jpeg = [];
    private QualityGateSettings _gates = null!;
    private readonly Dictionary<OnnxModel, (float[] Input, Memory<float>[] Outputs)> _buffers = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = BenchmarkPaths.Root;
        var options = new FaceOptions();
        _engine = FaceEngine.Load(Path.Combine(root, "models"), options);
        _gates = options.Session;
        _jpeg = BenchmarkFrame.Create(root);
        var models = _engine.Models;
        foreach (var model in (OnnxModel[])[models.Detect, models.Landmark, models.Feature, models.Liveness, models.Eye, models.Pose])
        {
            var input = new float[model.InputLength];
            var random = new Random(1);
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (float)random.NextDouble();
            }

            var outputs = new Memory<float>[model.OutputCount];
            for (var i = 0; i < outputs.Length; i++)
            {
                outputs[i] = new float[model.OutputLengths[i]];
            }

            _buffers[model] = (input, outputs);
        }

        var check = _engine.Analyze(_jpeg, _gates);
        if (check.Embedding is null)
        {
            throw new InvalidOperationException($"The benchmark frame has no usable face: {check.Rejection?.Code}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Description = "detect (inference)")]
    public void Detect() => Run(_engine.Models.Detect);

    [Benchmark(Description = "landmark (inference)")]
    public void Landmark() => Run(_engine.Models.Landmark);

    [Benchmark(Description = "embedding (inference)")]
    public void Embedding() => Run(_engine.Models.Feature);

    [Benchmark(Description = "liveness (inference)")]
    public void Liveness() => Run(_engine.Models.Liveness);

    /// <summary>Both eyes: the frame runs the eye model twice.</summary>
    [Benchmark(Description = "eye x2 (inference)")]
    public void Eyes()
    {
        Run(_engine.Models.Eye);
        Run(_engine.Models.Eye);
    }

    [Benchmark(Description = "pose (inference)")]
    public void Pose() => Run(_engine.Models.Pose);

    [Benchmark(Description = "whole frame: 640x480 JPEG to result")]
    public FaceAnalysis WholeFrame() => _engine.Analyze(_jpeg, _gates);

    private void Run(OnnxModel model)
    {
        var (input, outputs) = _buffers[model];
        model.Run(input, outputs);
    }
}
