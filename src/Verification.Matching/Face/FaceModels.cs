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

    private FaceModels(Dictionary<FaceModelKind, OnnxModel> models, IReadOnlyList<SessionChoice> choices, TimeSpan elapsed, TimeSpan measured)
    {
        _models = models;
        Choices = choices;
        ChoiceTime = elapsed;
        MeasureTime = measured;
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

    /// <summary>The measurement alone, which <see cref="FaceSessionOptions.MeasureBudgetMilliseconds"/> bounds.</summary>
    public TimeSpan MeasureTime { get; }

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
        var models = new Dictionary<FaceModelKind, OnnxModel>();
        var choices = new Dictionary<FaceModelKind, SessionChoice>();
        var probes = new List<(FaceModelKind Kind, OnnxModel First, double Weight)>();
        var measureStart = start;
        try
        {
            foreach (var kind in Enum.GetValues<FaceModelKind>())
            {
                if (sessions.For(kind).GraphOptimizationLevel is { } configured)
                {
                    models[kind] = Build(kind, configured);
                    choices[kind] = new SessionChoice(kind, configured, SessionChoiceSource.Configured, []);
                    continue;
                }

                // The first candidate is built in any case; its build and one run size this model's share of the budget,
                // so the embedding (slow to run) is not cut short by models that cost little.
                var built = Stopwatch.GetTimestamp();
                var first = Build(kind, SessionTuner.Candidates[0]);
                models[kind] = first;
                var buildMs = Stopwatch.GetElapsedTime(built).TotalMilliseconds;
                var runMs = SessionTuner.Probe(first);
                probes.Add((kind, first, ((SessionTuner.Candidates.Count - 1) * buildMs) + (tuner.RunsPerCandidate * SessionTuner.Candidates.Count * runMs)));
            }

            // The budget bounds the measurement: the extra candidates' builds and every timed run, not the one session
            // per model that loading needs anyway.
            measureStart = Stopwatch.GetTimestamp();
            var weightLeft = 0d;
            foreach (var probe in probes)
            {
                weightLeft += probe.Weight;
            }

            foreach (var (kind, first, weight) in probes)
            {
                // What is left, by weight: a model that finishes early leaves its time to the ones after it.
                var share = (budget - Stopwatch.GetElapsedTime(measureStart)) * (weight / weightLeft);
                weightLeft -= weight;
                models.Remove(kind);
                var (model, choice) = tuner.Measure(kind, first, level => Build(kind, level), share > TimeSpan.Zero ? share : TimeSpan.Zero);
                models[kind] = model;
                choices[kind] = choice;
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

        var ordered = new List<SessionChoice>(choices.Count);
        foreach (var kind in Enum.GetValues<FaceModelKind>())
        {
            ordered.Add(choices[kind]);
        }

        return new FaceModels(models, ordered, Stopwatch.GetElapsedTime(start), Stopwatch.GetElapsedTime(measureStart));

        OnnxModel Build(FaceModelKind kind, GraphOptimization level) =>
            new(Path.Combine(directory, FileOf(kind)), threads, level, OutputsOf(kind));
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
