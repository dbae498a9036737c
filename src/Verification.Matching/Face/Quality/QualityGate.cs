namespace Verification.Matching.Face.Quality;

/// <summary>
/// The gates after detection, in the order a learner should fix them: framing first, then light, focus, pose, eyes.
/// The first gate that fails decides the refusal, so the engine skips the pose and eye models once an earlier gate has
/// failed; those fields are then null (not measured), and a null field never passes or fails a gate.
/// </summary>
internal static class QualityGate
{
    public static FaceRejection? Check(int largeFaces, FaceQuality? quality, float faceSide, QualityGateSettings gates)
    {
        if (quality is null)
        {
            return Framing(largeFaces, faceSide, gates);
        }

        return BeforePose(largeFaces, faceSide, quality.Brightness, quality.Sharpness, gates)
            ?? Pose(quality.Yaw, quality.Pitch, gates)
            ?? Eyes(quality.LeftEyeClosed, quality.RightEyeClosed, gates);
    }

    /// <summary>Framing, light and focus: everything decided without the pose and eye models.</summary>
    public static FaceRejection? BeforePose(int largeFaces, float faceSide, float brightness, float sharpness, QualityGateSettings gates)
    {
        if (Framing(largeFaces, faceSide, gates) is { } framing)
        {
            return framing;
        }

        if (brightness < gates.MinBrightness)
        {
            return FaceRejections.TooDark;
        }

        if (brightness > gates.MaxBrightness)
        {
            return FaceRejections.TooBright;
        }

        return sharpness < gates.MinSharpness ? FaceRejections.Blurred : null;
    }

    public static FaceRejection? Pose(float? yaw, float? pitch, QualityGateSettings gates) =>
        yaw is { } y && pitch is { } p && (MathF.Abs(y) > gates.MaxYaw || MathF.Abs(p) > gates.MaxPitch) ? FaceRejections.TurnedAway : null;

    private static FaceRejection? Framing(int largeFaces, float faceSide, QualityGateSettings gates)
    {
        if (gates.RejectSeveralFaces && largeFaces > 1)
        {
            return FaceRejections.SeveralFaces;
        }

        return faceSide < gates.MinFaceSide ? FaceRejections.FaceTooSmall : null;
    }

    private static FaceRejection? Eyes(float? left, float? right, QualityGateSettings gates) =>
        left is { } l && right is { } r && l > gates.MaxEyeClosedProbability && r > gates.MaxEyeClosedProbability ? FaceRejections.EyesClosed : null;
}
