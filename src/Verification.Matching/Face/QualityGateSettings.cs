namespace Verification.Matching.Face;

/// <summary>
/// Limits for one use of the gates (enrollment is stricter than a frame during an assessment). A limit set to its
/// "off" value (0, 255, 180, 1) never fires. Values and where they were measured: docs/evaluation/face.md.
/// </summary>
public sealed class QualityGateSettings
{
    /// <summary>Refuse a frame with more than one face of at least <see cref="MinFaceSide"/> pixels.</summary>
    public bool RejectSeveralFaces { get; set; } = true;

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

    /// <summary>Gates that never fire: evaluation measures the matcher alone, and picks the largest face.</summary>
    public static QualityGateSettings None => new()
    {
        RejectSeveralFaces = false,
    };
}
