using System.Collections.Concurrent;
using Microsoft.ML;

namespace Verification.Matching.Keystroke;

/// <summary>
/// A trained ML.NET classifier over fusion features. <see cref="PredictionEngine{TSrc, TDst}"/> is not thread-safe,
/// so each call rents an engine with its own input and output objects from a pool; after warm-up a score allocates
/// nothing of ours.
/// </summary>
internal sealed class FusionModel
{
    public const string FileName = "model.zip";

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly Microsoft.ML.Data.SchemaDefinition _schema;
    private readonly ConcurrentBag<Lease> _pool = [];

    public FusionModel(MLContext ml, ITransformer transformer, int featureCount)
    {
        _ml = ml;
        _transformer = transformer;
        FeatureCount = featureCount;
        _schema = FusionRow.Schema(featureCount);
    }

    public int FeatureCount { get; }

    public ITransformer Transformer => _transformer;

    public static FusionModel Load(string path, int featureCount)
    {
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(path, out _);
        return new FusionModel(ml, transformer, featureCount);
    }

    /// <summary>The classifier's margin: higher means more likely the genuine learner.</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        if (!_pool.TryTake(out var lease))
        {
            lease = new Lease(_ml.Model.CreatePredictionEngine<FusionRow, FusionPrediction>(_transformer, inputSchemaDefinition: _schema), FeatureCount);
        }

        try
        {
            features.CopyTo(lease.Row.Features);
            lease.Engine.Predict(lease.Row, ref lease.Output);
            return lease.Output.Score;
        }
        finally
        {
            _pool.Add(lease);
        }
    }

    /// <summary>The scratch buffer a caller fills before <see cref="Score"/>, sized for this model.</summary>
    public float[] NewFeatureBuffer() => new float[FeatureCount];

    private sealed class Lease(PredictionEngine<FusionRow, FusionPrediction> engine, int featureCount)
    {
        public PredictionEngine<FusionRow, FusionPrediction> Engine { get; } = engine;

        public FusionRow Row { get; } = new() { Features = new float[featureCount] };

#pragma warning disable CA1051 // Predict(…, ref output) needs a field to reuse the output object.
        public FusionPrediction Output = new();
#pragma warning restore CA1051
    }
}
