namespace Verification.Matching.Face.Alignment;

/// <summary>How the face is warped onto the 112×112 template.</summary>
internal enum AlignmentMode
{
    /// <summary>Least-squares similarity (rotation, uniform scale, translation; no reflection) on all five points. Kept.</summary>
    Similarity5,

    /// <summary>The package's exact affine through eyes and nose only, measured only: it triples the error rate.</summary>
    Affine3,
}
