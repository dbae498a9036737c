namespace Verification.Matching.Face;

/// <summary>
/// Limits for one use of the gates (enrollment is stricter than a frame during an assessment). A limit set to its
/// "off" value (0, 255, 180, 1) never fires. Values and where they were measured: docs/evaluation/face.md.
/// </summary>
public sealed class QualityGateSettings
{
    /// <summary>Refuse a frame with more than one face of at least <see cref="MinFaceSide"/> pixels.</summary>
    public bool RejectSeveralFaces { get; set; } = true;

    /// <summary>
    /// A face besides the learner's counts toward "several faces" only when its width is at least this share of the
    /// learner's face width (0: any size). A person over the shoulder is close to the camera; a poster or a passer-by far
    /// behind is small beside the learner. Chosen with <c>verification evaluate several-faces</c> (docs/evaluation/several-faces.md).
    /// </summary>
    public float SecondFaceMinRelativeWidth { get; set; }

    /// <summary>A face besides the learner's counts only when the detector's score for it is at least this (0: any detected face).</summary>
    public float SecondFaceMinScore { get; set; }

    /// <summary>Smallest face side in frame pixels (detector box height).</summary>
    public float MinFaceSide { get; set; }

    /// <summary>Darkest acceptable mean gray level of the aligned face (0..255).</summary>
    public float MinBrightness { get; set; }

    /// <summary>Brightest acceptable mean gray level of the aligned face (0..255).</summary>
    public float MaxBrightness { get; set; } = 255f;

    /// <summary>Smallest variance of the Laplacian over the aligned face; lower means blurred.</summary>
    public float MinSharpness { get; set; }

    /// <summary>Largest absolute yaw (left/right turn) in degrees.</summary>
    public float MaxYaw { get; set; } = 180f;

    /// <summary>Largest absolute pitch (up/down tilt) in degrees.</summary>
    public float MaxPitch { get; set; } = 180f;

    /// <summary>Refuse when both eyes' p(closed) exceed this.</summary>
    public float MaxEyeClosedProbability { get; set; } = 1f;

    /// <summary>The limits that cannot work, each as a sentence naming its key under <paramref name="section"/>.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (!(SecondFaceMinRelativeWidth is >= 0 and <= 1))
        {
            yield return $"{section}:SecondFaceMinRelativeWidth must be between 0 and 1 (it is {SecondFaceMinRelativeWidth}).";
        }

        if (!(SecondFaceMinScore is >= 0 and <= 1))
        {
            yield return $"{section}:SecondFaceMinScore must be between 0 and 1 (it is {SecondFaceMinScore}).";
        }

        if (!(MinFaceSide >= 0))
        {
            yield return $"{section}:MinFaceSide must not be negative (it is {MinFaceSide}).";
        }
    }

    /// <summary>Gates that never fire: evaluation measures the matcher alone.</summary>
    public static QualityGateSettings None => new()
    {
        RejectSeveralFaces = false,
    };
}
