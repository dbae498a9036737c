using Verification.Matching.Face;

namespace Verification.Research.Sessions.SeveralFaces;

/// <summary>
/// One frame of the characterisation: a plain LFW photo (background faces, as the sessions send them) or a composite
/// with a second person; the faces the engine found, and for a composite whether the pasted face was detected.
/// </summary>
public sealed record SecondFaceSample(string Photo, OverShoulderPlacement? Placement, DetectedFaces? Faces, FaceBox? PastedDetected)
{
    public bool IsComposite => Placement is not null;

    /// <summary>The second face a rule must judge: the detected pasted face for a composite, the widest other face for a photo.</summary>
    public FaceBox? Second => IsComposite ? PastedDetected : Faces?.LargestOther;

    public double? RelativeWidth => Second is { } s && Faces is { } f ? s.Width / f.Selected.Width : null;
}
