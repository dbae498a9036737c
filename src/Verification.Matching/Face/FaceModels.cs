using System.Diagnostics;
using Verification.Matching.Face.Inference;
using Verification.Matching.Face.Sessions;
using Verification.Matching.Models;

namespace Verification.Matching.Face;

/// <summary>
/// The six ONNX sessions, loaded once after the manifest check and shared by every call. Each model runs with the level
/// configured for it, or else the fastest one measured here within <see cref="FaceSessionOptions.MeasureBudgetMilliseconds"/>.
/// </summary>
internal sealed class FaceModels : IDisposable
{
    private readonly Dictionary<FaceModelKind, OnnxModel> _models;

    private FaceModels(Dictionary<FaceModelKind, OnnxModel> models, IReadOnlyList<SessionChoice> choices, TimeSpan elapsed)
    {
        _models = models;
        Choices = choices;
        ChoiceTime = elapsed;
    }

    public OnnxModel Detect => _models[FaceModelKind.Detector];

    public OnnxModel Landmark => _models[FaceModelKind.Landmark];

    public OnnxModel Feature => _models[FaceModelKind.Embedding];

    public OnnxModel Liveness => _models[FaceModelKind.Liveness];

    public OnnxModel Eye => _models[FaceModelKind.Eye];

    public OnnxModel Pose => _models[FaceModelKind.Pose];

    /// <summary>One per model, in <see cref="FaceModelKind"/> order.</summary>
    public IReadOnlyList<SessionChoice> Choices { get; }

    /// <summary>Building every session, measurement included.</summary>
    public TimeSpan ChoiceTime { get; }

    /// <summary>Refuses with <see cref="ModelVerificationException"/> unless every file matches models/manifest.json.</summary>
    public static FaceModels Load(string directory, int threads, FaceSessionOptions sessions) =>
        Load(directory, threads, sessions, new SessionTuner());

    internal static FaceModels Load(string directory, int threads, FaceSessionOptions sessions, SessionTuner tuner)
    {
        var manifest = ModelManifest.Load(directory);
        var problems = manifest.Verify(directory);
        if (problems.Count > 0)
        {
            throw new ModelVerificationException(
                $"Face models in {directory} do not match {ModelManifest.FileName}: {string.Join("; ", problems)}.");
        }

        threads = Math.Max(threads, 1);
        var start = Stopwatch.GetTimestamp();
        var budget = TimeSpan.FromMilliseconds(sessions.MeasureBudgetMilliseconds);
        var kinds = Enum.GetValues<FaceModelKind>();
        var unmeasured = 0;
        foreach (var kind in kinds)
        {
            unmeasured += sessions.For(kind).GraphOptimizationLevel is null ? 1 : 0;
        }

        var models = new Dictionary<FaceModelKind, OnnxModel>();
        var choices = new List<SessionChoice>(kinds.Length);
        try
        {
            foreach (var kind in kinds)
            {
                OnnxModel Build(GraphOptimization level) => new(Path.Combine(directory, FileOf(kind)), threads, level, OutputsOf(kind));
                if (sessions.For(kind).GraphOptimizationLevel is { } configured)
                {
                    models[kind] = Build(configured);
                    choices.Add(new SessionChoice(kind, configured, SessionChoiceSource.Configured, []));
                    continue;
                }

                // An even share of what is left: a model that finishes early leaves its time to the ones after it.
                var share = (budget - Stopwatch.GetElapsedTime(start)) / unmeasured--;
                var (model, choice) = tuner.Measure(kind, Build, share > TimeSpan.Zero ? share : TimeSpan.Zero);
                models[kind] = model;
                choices.Add(choice);
            }
        }
        catch
        {
            foreach (var model in models.Values)
            {
                model.Dispose();
            }

            throw;
        }

        return new FaceModels(models, choices, Stopwatch.GetElapsedTime(start));
    }

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Dispose();
        }
    }

    public static string FileOf(FaceModelKind kind) => kind switch
    {
        FaceModelKind.Detector => "fr_detect.onnx",
        FaceModelKind.Landmark => "fr_landmark.onnx",
        FaceModelKind.Embedding => "fr_feature.onnx",
        FaceModelKind.Liveness => "fr_liveness.onnx",
        FaceModelKind.Eye => "fr_eye.onnx",
        FaceModelKind.Pose => "fr_pose.onnx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // Outputs of fr_pose: yaw, pitch, roll (the last two kept their exporter's numeric names).
    public static string[] OutputsOf(FaceModelKind kind) => kind switch
    {
        FaceModelKind.Detector => ["scores", "boxes"],
        FaceModelKind.Pose => ["output", "617", "618"],
        _ => ["output"],
    };
}
