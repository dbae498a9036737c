using Verification.Matching.Face;
using Verification.Matching.Face.Detection;

namespace Verification.Research.Sessions.SeveralFaces;

/// <summary>What the engine found in one frame: the face it analyses and every other face, so any rule can be replayed without the engine.</summary>
public sealed record DetectedFaces(FaceBox Selected, IReadOnlyList<FaceBox> Others)
{
    public static DetectedFaces? Of(FaceAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Face is { } face ? new DetectedFaces(face, analysis.OtherFaces) : null;
    }

    /// <summary>Whether the session gates with these second-face limits call the frame "several faces": the engine's own count.</summary>
    public bool Fires(QualityGateSettings gates)
    {
        ArgumentNullException.ThrowIfNull(gates);
        FaceBox[] faces = [Selected, .. Others];
        return gates.RejectSeveralFaces && FaceSelector.CountCounted(faces, Selected, gates) > 1;
    }

    /// <summary>The other face of largest width beside the selected one; null when there is none.</summary>
    public FaceBox? LargestOther => Others.Count == 0 ? null : Others.MaxBy(o => o.Width);
}
