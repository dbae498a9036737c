using Verification.Matching.Face;

namespace Verification.Proctoring.Identity;

/// <summary>Section <c>Proctoring:Enrollment</c>: how much identity enrollment collects, and what it checks.</summary>
internal sealed class EnrollmentSettings
{
    public const string SectionName = "Proctoring:Enrollment";

    /// <summary>Overrides the typing phrase for every learner (tests use the CMU password); empty means the certification sentence.</summary>
    public const string TypingPhraseSetting = "Proctoring:TypingPhrase";

    public int MinimumFaceFrames { get; set; } = 3;

    public int MaximumFaceFrames { get; set; } = 10;

    /// <summary>Beyond the keystroke core's minimum, room for a learner who retypes; more are refused.</summary>
    public int MaximumTypingSamples { get; set; } = 30;

    /// <summary>Largest upload accepted for a face frame or an ID photo.</summary>
    public int MaxImageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Gates for the photo of a photo ID: exactly one face, not tiny. Lighting and pose gates stay off because a
    /// printed ID portrait is small, flat and often glossy, and the match score already says whether it is usable.
    /// </summary>
    public QualityGateSettings IdPhotoGates { get; set; } = new() { RejectSeveralFaces = true, MinFaceSide = 40 };
}
