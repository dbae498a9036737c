namespace Verification.Matching.Face;

/// <summary>
/// The result of one frame. <see cref="Rejection"/> is null when every gate passed.
/// <see cref="Embedding"/> (L2-normalised) is present whenever a face was found and aligned, even when a later gate
/// failed, so a caller may still compare it; <see cref="Liveness"/> is p(live) in 0..1.
/// </summary>
public sealed record FaceAnalysis(
    FaceRejection? Rejection,
    int FacesFound,
    FaceBox? Face,
    float[]? Embedding,
    float? Liveness,
    FaceQuality? Quality)
{
    public bool Accepted => Rejection is null;

    /// <summary>The detected faces besides <see cref="Face"/>, whatever their size (the gates decide which count).</summary>
    public IReadOnlyList<FaceBox> OtherFaces { get; init; } = [];
}

/// <summary>Why a frame was refused: a stable snake_case <see cref="Code"/> and a sentence the learner can act on.</summary>
public sealed record FaceRejection(string Code, string LearnerMessage);

/// <summary>A detected face in frame pixels (square, clamped to the frame) with the detector's score.</summary>
public readonly record struct FaceBox(float X1, float Y1, float X2, float Y2, float Score)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;

    public float Area => Width * Height;
}

/// <summary>
/// Measurements the quality gates use. Brightness is the mean gray level (0..255) and Sharpness the variance of the
/// Laplacian, both over the centre of the aligned 112×112 face; angles are in degrees; eye values are p(closed).
/// Pose and eye values are null when not measured: an earlier gate (framing, light, focus; for the eyes also the pose)
/// had already refused the frame, so their models were not run. Null means skipped, never passed.
/// </summary>
public sealed record FaceQuality(
    float FaceSide,
    float Brightness,
    float Sharpness,
    float? Yaw,
    float? Pitch,
    float? Roll,
    float? LeftEyeClosed,
    float? RightEyeClosed);
