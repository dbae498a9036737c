using System.Numerics.Tensors;
using OpenCvSharp;
using Verification.Matching.Face.Alignment;
using Verification.Matching.Face.Crops;
using Verification.Matching.Face.Decoding;
using Verification.Matching.Face.Detection;
using Verification.Matching.Face.Embedding;
using Verification.Matching.Face.Inference;
using Verification.Matching.Face.Landmarks;
using Verification.Matching.Face.Liveness;
using Verification.Matching.Face.Quality;
using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Face;

/// <summary>
/// The face core: decode → detect → 68 landmarks → 5-point similarity alignment → embedding, with liveness and the
/// quality gates. One instance per process; every method is thread-safe and bad input never throws.
/// </summary>
public sealed class FaceEngine : IDisposable
{
    // More faces than this in one frame are counted but not kept; a webcam frame never needs them.
    private const int MaxFaces = 32;

    private readonly FaceModels _models;
    private readonly ImageDecoder _decoder;
    private readonly FaceDetector _detector;
    private readonly LandmarkModel _landmarks;
    private readonly FaceAligner _aligner;
    private readonly EmbeddingModel _embedding;
    private readonly LivenessModel _liveness;
    private readonly EyeStateModel _eyes;
    private readonly HeadPoseModel _pose;
    private readonly FaceSelection _selection;

    private FaceEngine(FaceModels models, FaceOptions options, FacePipelineVariant variant)
    {
        _models = models;
        Options = options;
        Variant = variant;
        _decoder = new ImageDecoder(options.MaxImageBytes, options.MaxImageSide, options.MaxImagePixels, options.MaxImageBitDepth);
        _detector = new FaceDetector(models.Detect, variant.DetectorPlanes, variant.Nms);
        _landmarks = new LandmarkModel(models.Landmark);
        _aligner = new FaceAligner(variant.Alignment);
        _embedding = new EmbeddingModel(models.Feature, variant.EmbeddingPlanes, variant.FlipAugmentation);
        _liveness = new LivenessModel(models.Liveness, variant.LivenessPlanes);
        _eyes = new EyeStateModel(models.Eye);
        _pose = new HeadPoseModel(models.Pose, variant.PosePlanes);
        _selection = variant.Selection;
    }

    public FaceOptions Options { get; }

    internal FacePipelineVariant Variant { get; }

    internal FaceModels Models => _models;

    /// <summary>The level each model runs with and why: configured, or measured fastest at load.</summary>
    public IReadOnlyList<SessionChoice> SessionChoices => _models.Choices;

    /// <summary>How long building the sessions took, measurement included.</summary>
    public TimeSpan SessionChoiceTime => _models.ChoiceTime;

    /// <summary>The measurement alone (extra candidates' builds and timed runs), bounded by the configured budget.</summary>
    public TimeSpan SessionMeasureTime => _models.MeasureTime;

    /// <summary>
    /// Verifies every model against models/manifest.json, then loads one session per model with the graph optimisation
    /// level configured in <see cref="FaceOptions.Sessions"/>, or else the fastest measured here within its budget.
    /// </summary>
    /// <exception cref="Models.ModelVerificationException">A model is missing or differs from its hash.</exception>
    public static FaceEngine Load(string modelsDirectory, FaceOptions options) =>
        Load(modelsDirectory, options, FacePipelineVariant.Default);

    internal static FaceEngine Load(string modelsDirectory, FaceOptions options, FacePipelineVariant variant)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(variant);
        var problems = options.Sessions.Validate(FaceOptions.SectionName + ":Sessions");
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        return new FaceEngine(FaceModels.Load(modelsDirectory, options.InferenceThreads, options.Sessions), options, variant);
    }

    /// <summary>Cosine similarity of two embeddings (dot product when both are L2-normalised), in −1..1.</summary>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.IsEmpty)
        {
            throw new ArgumentException($"Embeddings must have the same, non-zero length ({a.Length} vs {b.Length}).", nameof(b));
        }

        var similarity = TensorPrimitives.CosineSimilarity(a, b);
        return float.IsNaN(similarity) ? 0f : similarity;
    }

    /// <summary>Analyses one encoded JPEG or PNG frame. Problems with the input come back as <see cref="FaceAnalysis.Rejection"/>.</summary>
    public FaceAnalysis Analyze(ReadOnlySpan<byte> encodedImage, QualityGateSettings gates) =>
        Analyze(encodedImage, gates, AnalysisScope.All);

    internal FaceAnalysis Analyze(ReadOnlySpan<byte> encodedImage, QualityGateSettings gates, AnalysisScope scope)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var rejection = _decoder.TryDecode(encodedImage, out var frame);
        if (rejection is not null || frame is null)
        {
            return new FaceAnalysis(rejection ?? FaceRejections.ImageCorrupt, 0, null, null, null, null);
        }

        using (frame)
        {
            return AnalyzeFrame(frame, gates, scope);
        }
    }

    internal FaceAnalysis AnalyzeFrame(Mat frame, QualityGateSettings gates, AnalysisScope scope)
    {
        Span<FaceBox> faces = stackalloc FaceBox[MaxFaces];
        var found = _detector.Detect(frame, faces);
        if (found == 0)
        {
            return new FaceAnalysis(FaceRejections.NoFace, 0, null, null, null, null);
        }

        faces = faces[..Math.Min(found, MaxFaces)];
        var face = FaceSelector.Select(faces, _selection, frame.Width, frame.Height);
        var largeFaces = FaceSelector.CountCounted(faces, face, gates);

        Span<float> landmarks = stackalloc float[FaceLandmarks.Length];
        _landmarks.Predict(frame, face, landmarks);
        if (Variant.RefineLandmarks)
        {
            // The detector's box is loose; a second pass on a box recentred on the first points sees the face
            // where the landmark network expects it.
            _landmarks.Predict(frame, LandmarkBox.Recentre(face, landmarks, frame.Width, frame.Height), landmarks);
        }
        using var aligned = _aligner.Align(frame, landmarks);
        var measureQuality = (scope & AnalysisScope.Quality) != 0;
        var (brightness, sharpness) = measureQuality ? FaceImageStats.Measure(aligned) : default;
        var poseNeeded = measureQuality
            && !(Variant.SkipDecidedChecks && QualityGate.BeforePose(largeFaces, face.Height, brightness, sharpness, gates) is not null);

        // Light, focus and every crop of the frame come before the embedding, liveness and pose models run: the
        // landmarks and the warp have just read the frame into the cache, and each model's weights evict it (measured
        // with -- --stages: the liveness crop, the pose crop and the statistics each took about 0.05 ms more after).
        using var livenessInput = (scope & AnalysisScope.Liveness) != 0 ? _liveness.Prepare(frame, face) : null;
        using var poseInput = poseNeeded ? _pose.Prepare(frame, face) : null;

        float[]? embedding = null;
        if ((scope & AnalysisScope.Embedding) != 0)
        {
            embedding = new float[_embedding.Dimension];
            _embedding.Embed(aligned, embedding);
        }

        float? liveness = livenessInput is null ? null : _liveness.Predict(livenessInput);
        var quality = measureQuality ? MeasureQuality(frame, face, landmarks, brightness, sharpness, poseInput, gates) : null;
        var rejection = QualityGate.Check(largeFaces, quality, face.Height, gates);
        return new FaceAnalysis(rejection, found, face, embedding, liveness, quality) { OtherFaces = FaceSelector.Others(faces, face) };
    }

    /// <summary>
    /// A JPEG of at most <paramref name="side"/> pixels of the face <paramref name="face"/> (from <see cref="Analyze(ReadOnlySpan{byte}, QualityGateSettings)"/>
    /// of the same image) with a margin around it, for a person to look at; null when the image does not decode.
    /// </summary>
    public byte[]? CropFace(ReadOnlySpan<byte> encodedImage, FaceBox face, int side)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 16);
        if (_decoder.TryDecode(encodedImage, out var frame) is not null || frame is null)
        {
            return null;
        }

        using (frame)
        {
            return FaceCrop.Encode(frame, face, side);
        }
    }

    public void Dispose() => _models.Dispose();

    /// <summary>Pose and eyes after light and focus; <paramref name="poseInput"/> is null when an earlier gate already refused.</summary>
    private FaceQuality MeasureQuality(
        Mat frame, in FaceBox face, ReadOnlySpan<float> landmarks, float brightness, float sharpness, RentedTensor? poseInput, QualityGateSettings gates)
    {
        if (poseInput is null)
        {
            return new FaceQuality(face.Height, brightness, sharpness, null, null, null, null, null);
        }

        var (yaw, pitch, roll) = _pose.Predict(poseInput);
        if (Variant.SkipDecidedChecks && QualityGate.Pose(yaw, pitch, gates) is not null)
        {
            return new FaceQuality(face.Height, brightness, sharpness, yaw, pitch, roll, null, null);
        }

        // Landmarks 36–41 are the subject's right eye (left in the image), 42–47 the other.
        var right = _eyes.PredictClosed(frame, landmarks, 36);
        var left = _eyes.PredictClosed(frame, landmarks, 42);
        return new FaceQuality(face.Height, brightness, sharpness, yaw, pitch, roll, left, right);
    }
}
