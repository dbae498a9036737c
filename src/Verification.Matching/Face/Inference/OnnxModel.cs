using Microsoft.ML.OnnxRuntime;
using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Face.Inference;

/// <summary>
/// One ONNX model: a single <see cref="InferenceSession"/> built once and shared by every thread (Run is
/// thread-safe), with inputs and outputs bound as <see cref="OrtValue"/>s over the caller's pooled buffers.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long[] _inputShape;
    private readonly long[][] _outputShapes;

    /// <summary>Loads <paramref name="path"/>; <paramref name="outputNames"/> fixes the order outputs are bound in.</summary>
    public OnnxModel(string path, int intraOpThreads, GraphOptimization level, params string[] outputNames)
    {
        Level = level;
        using var options = new SessionOptions
        {
            // One thread per call by default: frames are served concurrently, and a session that takes every core
            // for one frame makes the second frame wait and both slower.
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = ToOrt(level),
        };
        _session = new InferenceSession(path, options);
        _inputNames = [.. _session.InputMetadata.Keys];
        _outputNames = outputNames;
        _inputShape = ToShape(_session.InputMetadata[_inputNames[0]].Dimensions);
        _outputShapes = new long[_outputNames.Length][];
        var lengths = new int[_outputNames.Length];
        for (var i = 0; i < _outputNames.Length; i++)
        {
            _outputShapes[i] = ToShape(_session.OutputMetadata[_outputNames[i]].Dimensions);
            lengths[i] = Product(_outputShapes[i]);
        }

        OutputLengths = lengths;

        InputLength = Product(_inputShape);
    }

    public GraphOptimization Level { get; }

    public int InputLength { get; }

    public IReadOnlyList<int> OutputLengths { get; }

    public int OutputCount => _outputNames.Length;

    /// <summary>Runs the model on <paramref name="input"/>; output <c>i</c> lands in <c>outputs[i]</c>, each at least its length.</summary>
    public void Run(Memory<float> input, ReadOnlySpan<Memory<float>> outputs)
    {
        var inputValues = new OrtValue[1];
        var outputValues = new OrtValue[_outputNames.Length];
        try
        {
            inputValues[0] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input[..InputLength], _inputShape);
            for (var i = 0; i < outputValues.Length; i++)
            {
                outputValues[i] = OrtValue.CreateTensorValueFromMemory(
                    OrtMemoryInfo.DefaultInstance, outputs[i][..OutputLengths[i]], _outputShapes[i]);
            }

            _session.Run(_runOptions, _inputNames, inputValues, _outputNames, outputValues);
        }
        finally
        {
            inputValues[0]?.Dispose();
            foreach (var value in outputValues)
            {
                value?.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static GraphOptimizationLevel ToOrt(GraphOptimization level) => level switch
    {
        GraphOptimization.Disabled => GraphOptimizationLevel.ORT_DISABLE_ALL,
        GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
        GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        GraphOptimization.All => GraphOptimizationLevel.ORT_ENABLE_ALL,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    private static long[] ToShape(int[] dimensions)
    {
        var shape = new long[dimensions.Length];
        for (var i = 0; i < dimensions.Length; i++)
        {
            // Every model here has fixed shapes with batch 1; a dynamic axis would read -1.
            shape[i] = dimensions[i] < 0 ? 1 : dimensions[i];
        }

        return shape;
    }

    private static int Product(long[] shape)
    {
        long product = 1;
        foreach (var d in shape)
        {
            product *= d;
        }

        return checked((int)product);
    }
}
