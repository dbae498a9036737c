using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>Gradient-boosted trees (ML.NET FastTree) over fusion rows: small, fast to score, and monotone enough to calibrate.</summary>
internal static class FusionTrainer
{
    public static FusionModel Train(IReadOnlyList<FusionRow> rows, int featureCount)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows, FusionRow.Schema(featureCount));
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(FusionRow.Label),
            FeatureColumnName = nameof(FusionRow.Features),
            ExampleWeightColumnName = nameof(FusionRow.Weight),
            NumberOfTrees = 200,
            NumberOfLeaves = 16,
            MinimumExampleCountPerLeaf = 100,
            LearningRate = 0.1,
            // The evaluation machine's cores are shared; one thread also keeps the trees reproducible.
            NumberOfThreads = 1,
        });
        var transformer = trainer.Fit(data);
        return new FusionModel(ml, transformer, featureCount);
    }

    public static void Save(FusionModel model, string path)
    {
        var ml = new MLContext(seed: 1);
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<FusionRow>(), FusionRow.Schema(model.FeatureCount));
        ml.Model.Save(model.Transformer, empty.Schema, path);
    }
}
