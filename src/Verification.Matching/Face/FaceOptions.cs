namespace Verification.Matching.Face;

/// <summary>
/// Thresholds and limits of the face core, bound from <c>Matching:Face</c>. Defaults are the measured values for
/// faceplugin-face-recognition-js@0.0.1 with this pipeline; docs/evaluation/face.md gives the command behind each.
/// </summary>
public sealed class FaceOptions
{
    public const string SectionName = "Matching:Face";

    /// <summary>The model package the thresholds were measured for; a different package needs a new evaluation.</summary>
    public string ModelVersion { get; set; } = "faceplugin-face-recognition-js@0.0.1";

    /// <summary>
    /// Cosine similarity at or above which two faces match. Measured: the threshold at FMR 0.1% on LFW
    /// pairs_devtest.tsv (evaluate face), checked on pairs.tsv.
    /// </summary>
    public float MatchThreshold { get; set; } = 0.35f;

    /// <summary>p(live) below which a frame is a suspected spoof. Measured with evaluate liveness.</summary>
    public float LivenessThreshold { get; set; } = 0.3f;

    /// <summary>Largest encoded image accepted, in bytes.</summary>
    public int MaxImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest declared width or height accepted, read from the header before decoding.</summary>
    public int MaxImageSide { get; set; } = 4096;

    /// <summary>Largest declared width × height accepted, read from the header before decoding.</summary>
    public long MaxImagePixels { get; set; } = 12_000_000;

    /// <summary>ONNX Runtime intra-op threads per model call, so two concurrent frames do not each take every core.</summary>
    public int InferenceThreads { get; set; } = 1;

    public QualityGateSettings Enrollment { get; set; } = new();

    public QualityGateSettings Session { get; set; } = new();
}
