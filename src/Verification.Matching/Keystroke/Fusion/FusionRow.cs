using Microsoft.ML;
using Microsoft.ML.Data;

namespace Verification.Matching.Keystroke;

/// <summary>One training or scoring row for ML.NET; the feature vector's length is set by <see cref="Schema"/>.</summary>
internal sealed class FusionRow
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1f;

    public static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(FusionRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }
}

/// <summary>The binary classifier's raw margin; calibration to a likelihood ratio is ours (see <see cref="FusionCalibration"/>).</summary>
internal sealed class FusionPrediction
{
    public float Score { get; set; }
}
