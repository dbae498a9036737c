using OpenCvSharp;
using Verification.Matching.Face;
using Verification.Matching.Face.Alignment;
using Verification.Matching.Face.Decoding;
using Verification.Matching.Face.Detection;
using Verification.Matching.Face.Embedding;
using Verification.Matching.Face.Inference;
using Verification.Matching.Face.Landmarks;
using Verification.Matching.Face.Liveness;
using Verification.Matching.Face.Quality;
using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Benchmarks.Face;

/// <summary>
/// The whole-frame path of <see cref="FaceEngine"/> (default variant, accepted frame) cut into its stages, each callable
/// on its own with the state the previous stages left: the model runs apart from the work around them, so the time
/// outside the models can be found stage by stage. The stages call the engine's own parts; only the order is repeated here.
/// </summary>
internal sealed class FrameStages : IDisposable
{
    private const int MaxFaces = 32;

    private readonly FaceModels _models;
    private readonly ImageDecoder _decoder;
    private readonly FaceDetector _detector;
    private readonly FaceAligner _aligner;
    private readonly EmbeddingModel _embedding;
    private readonly LivenessModel _liveness;
    private readonly HeadPoseModel _pose;
    private readonly FacePipelineVariant _variant;

    private readonly float[] _detectInput;
    private readonly float[] _scores;
    private readonly float[] _boxes;
    private readonly FaceBox[] _candidates;
    private readonly FaceBox[] _faces = new FaceBox[MaxFaces];
    private readonly float[] _landmarkInput;
    private readonly float[] _landmarkOutput;
    private readonly float[] _landmarks = new float[FaceLandmarks.Length];
    private readonly float[] _embedInput;
    private readonly float[] _embedOutput;
    private readonly float[] _embedding512;
    private readonly float[] _livenessInput;
    private readonly float[] _livenessOutput;
    private readonly float[] _poseInput;
    private readonly float[][] _poseOutputs;
    private readonly float[] _eyeInput;
    private readonly float[] _eyeOutput;

    private Mat? _frame;
    private Mat? _aligned;
    private int _found;
    private FaceBox _face;
    private FaceBox _landmarkBox;
    private Rect _landmarkRect;

    public FrameStages(FaceEngine engine, byte[] jpeg, QualityGateSettings gates)
    {
        Engine = engine;
        Jpeg = jpeg;
        Gates = gates;
        _models = engine.Models;
        _variant = engine.Variant;
        var options = engine.Options;
        _decoder = new ImageDecoder(options.MaxImageBytes, options.MaxImageSide, options.MaxImagePixels, options.MaxImageBitDepth);
        _detector = new FaceDetector(_models.Detect, _variant.DetectorPlanes, _variant.Nms);
        _aligner = new FaceAligner(_variant.Alignment);
        _embedding = new EmbeddingModel(_models.Feature, _variant.EmbeddingPlanes, _variant.FlipAugmentation);
        _liveness = new LivenessModel(_models.Liveness, _variant.LivenessPlanes);
        _pose = new HeadPoseModel(_models.Pose, _variant.PosePlanes);

        _detectInput = new float[_models.Detect.InputLength];
        _scores = new float[_models.Detect.OutputLengths[0]];
        _boxes = new float[_models.Detect.OutputLengths[1]];
        _candidates = new FaceBox[_models.Detect.OutputLengths[0] / 2];
        _landmarkInput = new float[_models.Landmark.InputLength];
        _landmarkOutput = new float[_models.Landmark.OutputLengths[0]];
        _embedInput = new float[_models.Feature.InputLength];
        _embedOutput = new float[_models.Feature.OutputLengths[0]];
        _embedding512 = new float[_models.Feature.OutputLengths[0]];
        _livenessInput = new float[_models.Liveness.InputLength];
        _livenessOutput = new float[_models.Liveness.OutputLengths[0]];
        _poseInput = new float[_models.Pose.InputLength];
        _poseOutputs = [.. _models.Pose.OutputLengths.Select(l => new float[l])];
        _eyeInput = new float[_models.Eye.InputLength];
        _eyeOutput = new float[_models.Eye.OutputLengths[0]];
    }

    public FaceEngine Engine { get; }

    public byte[] Jpeg { get; }

    public QualityGateSettings Gates { get; }

    public FaceAnalysis WholeFrame() => Engine.Analyze(Jpeg, Gates);

    public void Decode()
    {
        _frame?.Dispose();
        if (_decoder.TryDecode(Jpeg, out _frame) is { } rejection)
        {
            throw new InvalidOperationException("The stage frame does not decode: " + rejection.Code);
        }
    }

    public void DetectPrepare() => _detector.Prepare(Frame, _detectInput);

    public void DetectRun() => _models.Detect.Run(_detectInput, [_scores, _boxes]);

    public void DetectRead()
    {
        _found = Math.Min(_detector.Read(_scores, _boxes, Frame.Width, Frame.Height, _candidates, _faces), MaxFaces);
        if (_found == 0)
        {
            throw new InvalidOperationException("The stage frame holds no face.");
        }

        _face = FaceSelector.Select(_faces.AsSpan(0, _found), _variant.Selection, Frame.Width, Frame.Height);
        FaceSelector.CountCounted(_faces.AsSpan(0, _found), _face, Gates);
        _landmarkBox = _face;
    }

    public void LandmarkPrepare() => _landmarkRect = LandmarkModel.Prepare(Frame, _landmarkBox, _landmarkInput);

    public void LandmarkRun() => _models.Landmark.Run(_landmarkInput, [_landmarkOutput]);

    /// <summary>The points; after the first pass also the recentred box the second pass crops.</summary>
    public void LandmarkRead()
    {
        LandmarkModel.Read(_landmarkOutput, _landmarkRect, _landmarks);
        _landmarkBox = LandmarkBox.Recentre(_face, _landmarks, Frame.Width, Frame.Height);
    }

    public void Align()
    {
        _aligned?.Dispose();
        _aligned = _aligner.Align(Frame, _landmarks);
    }

    public void EmbedPrepare() => _embedding.Prepare(Aligned, _embedInput);

    public void EmbedRun() => _models.Feature.Run(_embedInput, [_embedOutput]);

    public void EmbedRead()
    {
        _embedOutput.CopyTo(_embedding512, 0);
        EmbeddingModel.Normalize(_embedding512);
    }

    public void LivenessPrepare() => _liveness.Prepare(Frame, _face, _livenessInput);

    public void LivenessRun() => _models.Liveness.Run(_livenessInput, [_livenessOutput]);

    public void ImageStats() => FaceImageStats.Measure(Aligned);

    public void PosePrepare() => _pose.Prepare(Frame, _face, _poseInput);

    public void PoseRun() => _models.Pose.Run(_poseInput, [.. _poseOutputs.Select(o => (Memory<float>)o)]);

    /// <summary>Landmarks 36–41 (first = 36) or 42–47 (first = 42).</summary>
    public void EyePrepare(int first) => EyeStateModel.Prepare(Frame, _landmarks, first, _eyeInput);

    public void EyeRun() => _models.Eye.Run(_eyeInput, [_eyeOutput]);

    /// <summary>Runs every stage once in the engine's order, so each stage has its inputs.</summary>
    public void RunAll()
    {
        Decode();
        DetectPrepare();
        DetectRun();
        DetectRead();
        for (var pass = 0; pass < 2; pass++)
        {
            LandmarkPrepare();
            LandmarkRun();
            LandmarkRead();
        }

        Align();
        ImageStats();
        LivenessPrepare();
        PosePrepare();
        EmbedPrepare();
        EmbedRun();
        EmbedRead();
        LivenessRun();
        PoseRun();
        EyePrepare(36);
        EyeRun();
        EyePrepare(42);
        EyeRun();
    }

    /// <summary>The model runs of one frame alone, each model's own call as a frame uses it (landmark and eye twice).</summary>
    public static IReadOnlyList<(FaceModelKind Kind, int PerFrame)> ModelUse { get; } =
    [
        (FaceModelKind.Detector, 1), (FaceModelKind.Landmark, 2), (FaceModelKind.Embedding, 1),
        (FaceModelKind.Liveness, 1), (FaceModelKind.Pose, 1), (FaceModelKind.Eye, 2),
    ];

    public void RunModel(FaceModelKind kind)
    {
        switch (kind)
        {
            case FaceModelKind.Detector: DetectRun(); break;
            case FaceModelKind.Landmark: LandmarkRun(); break;
            case FaceModelKind.Embedding: EmbedRun(); break;
            case FaceModelKind.Liveness: LivenessRun(); break;
            case FaceModelKind.Pose: PoseRun(); break;
            case FaceModelKind.Eye: EyeRun(); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    public void Dispose()
    {
        _frame?.Dispose();
        _aligned?.Dispose();
    }

    private Mat Frame => _frame ?? throw new InvalidOperationException("Decode first.");

    private Mat Aligned => _aligned ?? throw new InvalidOperationException("Align first.");
}
