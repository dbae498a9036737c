using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Matching.Keystroke;

/// <summary>The files of the trained keystroke model under <c>models/keystroke/</c>.</summary>
internal static class KeystrokeModelFiles
{
    public const string Calibration = "calibration.json";
    public const string ModelCard = "MODEL_CARD.md";

    // Relaxed escaping keeps the file readable (apostrophes stay apostrophes); it is never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteCalibration(string directory, KeystrokeModelCalibration calibration) =>
        File.WriteAllText(Path.Combine(directory, Calibration), JsonSerializer.Serialize(calibration, Json) + "\n");

    public static KeystrokeModelCalibration ReadCalibration(string directory)
    {
        var path = Path.Combine(directory, Calibration);
        return JsonSerializer.Deserialize<KeystrokeModelCalibration>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}

/// <summary>
/// calibration.json: the Platt parameters that turn the model's margin into a log-likelihood ratio, the feature
/// count the model expects, and the operating point measured when it was trained.
/// </summary>
internal sealed record KeystrokeModelCalibration(
    [property: JsonPropertyName("a")] double A,
    [property: JsonPropertyName("b")] double B,
    [property: JsonPropertyName("feature_count")] int FeatureCount,
    [property: JsonPropertyName("target_far")] double TargetFalseAcceptRate,
    [property: JsonPropertyName("llr_threshold")] double Threshold,
    [property: JsonPropertyName("threshold_measured_on")] string MeasuredOn)
{
    [JsonIgnore]
    public FusionCalibration Platt => new(A, B);
}
