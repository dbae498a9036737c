using Verification.Matching.Face.Inference;
using Verification.Matching.Models;

namespace Verification.Matching.Face;

/// <summary>The six ONNX sessions, loaded once after the manifest check and shared by every call.</summary>
internal sealed class FaceModels : IDisposable
{
    private FaceModels(string directory, int threads)
    {
        Detect = new OnnxModel(Path.Combine(directory, "fr_detect.onnx"), threads, "scores", "boxes");
        Landmark = new OnnxModel(Path.Combine(directory, "fr_landmark.onnx"), threads, "output");
        Feature = new OnnxModel(Path.Combine(directory, "fr_feature.onnx"), threads, "output");
        Liveness = new OnnxModel(Path.Combine(directory, "fr_liveness.onnx"), threads, "output");
        Eye = new OnnxModel(Path.Combine(directory, "fr_eye.onnx"), threads, "output");
        // Outputs of fr_pose: yaw, pitch, roll (the last two kept their exporter's numeric names).
        Pose = new OnnxModel(Path.Combine(directory, "fr_pose.onnx"), threads, "output", "617", "618");
    }

    public OnnxModel Detect { get; }

    public OnnxModel Landmark { get; }

    public OnnxModel Feature { get; }

    public OnnxModel Liveness { get; }

    public OnnxModel Eye { get; }

    public OnnxModel Pose { get; }

    /// <summary>Refuses with <see cref="ModelVerificationException"/> unless every file matches models/manifest.json.</summary>
    public static FaceModels Load(string directory, int threads)
    {
        var manifest = ModelManifest.Load(directory);
        var problems = manifest.Verify(directory);
        if (problems.Count > 0)
        {
            throw new ModelVerificationException(
                $"Face models in {directory} do not match {ModelManifest.FileName}: {string.Join("; ", problems)}.");
        }

        return new FaceModels(directory, Math.Max(threads, 1));
    }

    public void Dispose()
    {
        Detect.Dispose();
        Landmark.Dispose();
        Feature.Dispose();
        Liveness.Dispose();
        Eye.Dispose();
        Pose.Dispose();
    }
}
