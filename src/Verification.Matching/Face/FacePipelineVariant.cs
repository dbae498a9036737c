using Verification.Matching.Face.Alignment;
using Verification.Matching.Face.Detection;
using Verification.Matching.Face.Inference;

namespace Verification.Matching.Face;

/// <summary>Which face of several the pipeline analyses.</summary>
internal enum FaceSelection
{
    Largest,
    MostCentral,
}

/// <summary>
/// Pipeline choices that were measured against each other (docs/evaluation/face.md). <see cref="Default"/> is the
/// kept combination; the others exist so <c>verification evaluate face</c> can re-run the comparison.
/// <see cref="SkipDecidedChecks"/>: pose and eye models are not run once an earlier gate has refused the frame (false
/// runs them anyway, for the benchmark's before/after).
/// </summary>
internal sealed record FacePipelineVariant(
    PlaneOrder DetectorPlanes,
    PlaneOrder EmbeddingPlanes,
    PlaneOrder LivenessPlanes,
    PlaneOrder PosePlanes,
    bool FlipAugmentation,
    NmsMode Nms,
    AlignmentMode Alignment,
    FaceSelection Selection,
    bool RefineLandmarks,
    bool SkipDecidedChecks = true)
{
    public static FacePipelineVariant Default { get; } = new(
        DetectorPlanes: PlaneOrder.Bgr,
        EmbeddingPlanes: PlaneOrder.Bgr,
        LivenessPlanes: PlaneOrder.Bgr,
        PosePlanes: PlaneOrder.Bgr,
        FlipAugmentation: false,
        Nms: NmsMode.ScoreIou,
        Alignment: AlignmentMode.Similarity5,
        Selection: FaceSelection.MostCentral,
        RefineLandmarks: true);
}
