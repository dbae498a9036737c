using Verification.Matching.Face.Sessions;

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
    /// Template score (cosine to the mean enrollment embedding) at or above which a frame matches. Measured: the
    /// threshold at FMR 0.1% of 3-frame templates on LFW (evaluate face-template: 192,984 impostor comparisons,
    /// FNMR 0.67%); single-frame pairs give 0.337 at the same FMR. On pairs.tsv at most 1 of 1,500 impostors reaches it.
    /// </summary>
    public float MatchThreshold { get; set; } = 0.345f;

    /// <summary>
    /// p(live) below which a frame is a suspected spoof. Measured (evaluate liveness, B,G,R planes): on the NUAA subset
    /// it refuses 0 of 251 real captures and accepts 0 of 251 printed photos; 3.3% of LFW news photos score below it.
    /// </summary>
    public float LivenessThreshold { get; set; } = 0.3f;

    /// <summary>Where <see cref="MatchThreshold"/> came from; configuration keeps it beside the value.</summary>
    public string MatchThresholdSource { get; set; } =
        "evaluate face-template, LFW 3-frame mean-embedding templates, threshold at FMR 0.1% (192,984 impostor comparisons)";

    /// <summary>Where <see cref="LivenessThreshold"/> came from.</summary>
    public string LivenessThresholdSource { get; set; } =
        "evaluate liveness, B,G,R planes: NUAA subset APCER 0/251 print, BPCER 0/251";

    /// <summary>Where the quality limits came from.</summary>
    public string QualityLimitsSource { get; set; } = "evaluate face-quality over 4,797 LFW photos (percentiles)";

    /// <summary>Largest encoded image accepted, in bytes.</summary>
    public int MaxImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest declared width or height accepted, read from the header before decoding.</summary>
    public int MaxImageSide { get; set; } = 4096;

    /// <summary>Largest declared width × height accepted, read from the header before decoding.</summary>
    public long MaxImagePixels { get; set; } = 12_000_000;

    /// <summary>
    /// Largest declared bits per sample accepted (JPEG precision, PNG bit depth), read from the header before decoding.
    /// Cameras give 8; a 16-bit PNG compresses a flat 3000×3000 picture into 70 KB that decodes to 54 MB.
    /// </summary>
    public int MaxImageBitDepth { get; set; } = 8;

    /// <summary>ONNX Runtime intra-op threads per model call, so two concurrent frames do not each take every core.</summary>
    public int InferenceThreads { get; set; } = 1;

    /// <summary>Each model's session settings: measured at load within a budget unless configured (<c>Matching:Face:Sessions</c>).</summary>
    public FaceSessionOptions Sessions { get; set; } = new();

    /// <summary>The settings that cannot work, each as a sentence naming its key; empty when all are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxImageBytes < 1024)
        {
            problems.Add($"{SectionName}:MaxImageBytes must be at least 1024 (it is {MaxImageBytes}).");
        }

        if (MaxImageSide < 64 || MaxImageSide > 65_535)
        {
            problems.Add($"{SectionName}:MaxImageSide must be between 64 and 65535 (it is {MaxImageSide}).");
        }

        if (MaxImagePixels < 64L * 64 || (MaxImageSide >= 64 && MaxImagePixels > (long)MaxImageSide * MaxImageSide))
        {
            problems.Add($"{SectionName}:MaxImagePixels must be between 4096 and MaxImageSide² (it is {MaxImagePixels}).");
        }

        if (MaxImageBitDepth is not (8 or 16))
        {
            problems.Add($"{SectionName}:MaxImageBitDepth must be 8 or 16 (it is {MaxImageBitDepth}).");
        }

        problems.AddRange(Enrollment.Problems($"{SectionName}:Enrollment"));
        problems.AddRange(Session.Problems($"{SectionName}:Session"));

        return problems;
    }

    /// <summary>
    /// Enrollment gates: strict, as a bad enrollment frame weakens every later check; a refused frame is retaken.
    /// Limits from the spread of the 4,797 LFW photos (evaluate face-quality, docs/evaluation/face.md): brightness and
    /// sharpness near their 1st percentile, yaw near the 95th, pitch near the 99th.
    /// </summary>
    public QualityGateSettings Enrollment { get; set; } = new()
    {
        RejectSeveralFaces = true,
        MinFaceSide = 100,
        MinBrightness = 60,
        MaxBrightness = 200,
        MinSharpness = 40,
        MaxYaw = 45,
        MaxPitch = 30,
        MaxEyeClosedProbability = 0.95f,
    };

    /// <summary>
    /// Session gates: lenient, because a refused frame during an assessment is a false reject the learner did not
    /// cause; brightness and sharpness below the LFW 0.1st percentile, yaw and pitch beyond the 99th.
    /// </summary>
    public QualityGateSettings Session { get; set; } = new()
    {
        RejectSeveralFaces = true,
        MinFaceSide = 64,
        SecondFaceMinScore = 0.7f,
        MinBrightness = 45,
        MaxBrightness = 215,
        MinSharpness = 15,
        MaxYaw = 70,
        MaxPitch = 40,
        MaxEyeClosedProbability = 0.999f,
    };
}
