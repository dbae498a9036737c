using BenchmarkDotNet.Attributes;
using Verification.Matching.Face;
using Verification.Matching.Face.Inference;
using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// Each model's own inference at every graph optimisation level, on prepared buffers: the best level per model is the
/// floor a whole frame (<see cref="WholeFrameFaceBenchmarks"/>) is compared against in the same run (FaceRatioReport).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class FaceBenchmarks
{
    private readonly Dictionary<FaceModelKind, (OnnxModel Model, float[] Input, Memory<float>[] Outputs)> _models = [];

    [Params(GraphOptimization.All, GraphOptimization.Extended, GraphOptimization.Basic, GraphOptimization.Disabled)]
    public GraphOptimization Level { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var directory = Path.Combine(BenchmarkPaths.Root, "models");
        foreach (var kind in Enum.GetValues<FaceModelKind>())
        {
            var model = new OnnxModel(Path.Combine(directory, FaceModels.FileOf(kind)), 1, Level, FaceModels.OutputsOf(kind));
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

            _models[kind] = (model, input, outputs);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (model, _, _) in _models.Values)
        {
            model.Dispose();
        }
    }

    [Benchmark(Description = "detect (inference)")]
    public void Detect() => Run(FaceModelKind.Detector);

    [Benchmark(Description = "landmark (inference)")]
    public void Landmark() => Run(FaceModelKind.Landmark);

    [Benchmark(Description = "embedding (inference)")]
    public void Embedding() => Run(FaceModelKind.Embedding);

    [Benchmark(Description = "liveness (inference)")]
    public void Liveness() => Run(FaceModelKind.Liveness);

    /// <summary>Both eyes: the frame runs the eye model twice.</summary>
    [Benchmark(Description = "eye x2 (inference)")]
    public void Eyes()
    {
        Run(FaceModelKind.Eye);
        Run(FaceModelKind.Eye);
    }

    [Benchmark(Description = "pose (inference)")]
    public void Pose() => Run(FaceModelKind.Pose);

    private void Run(FaceModelKind kind)
    {
        var (model, input, outputs) = _models[kind];
        model.Run(input, outputs);
    }
}
