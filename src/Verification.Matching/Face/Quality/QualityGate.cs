namespace Verification.Matching.Face.Quality;

/// <summary>The gates after detection, in the order a learner should fix them: framing first, then light, focus, pose, eyes.</summary>
internal static class QualityGate
{
    public static FaceRejection? Check(int largeFaces, FaceQuality? quality, float faceSide, QualityGateSettings gates)
    {
        if (gates.RejectSeveralFaces && largeFaces > 1)
        {
            return FaceRejections.SeveralFaces;
        }

        if (faceSide < gates.MinFaceSide)
        {
            return FaceRejections.FaceTooSmall;
        }

        if (quality is null)
        {
            return null;
        }

        if (quality.Brightness < gates.MinBrightness)
        {
            return FaceRejections.TooDark;
        }

        if (quality.Brightness > gates.MaxBrightness)
        {
            return FaceRejections.TooBright;
        }

        if (quality.Sharpness < gates.MinSharpness)
        {
            return FaceRejections.Blurred;
        }

        if (MathF.Abs(quality.Yaw) > gates.MaxYaw || MathF.Abs(quality.Pitch) > gates.MaxPitch)
        {
            return FaceRejections.TurnedAway;
        }

        if (quality.LeftEyeClosed > gates.MaxEyeClosedProbability && quality.RightEyeClosed > gates.MaxEyeClosedProbability)
        {
            return FaceRejections.EyesClosed;
        }

        return null;
    }
}
