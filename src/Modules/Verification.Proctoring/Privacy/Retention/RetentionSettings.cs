using System.ComponentModel.DataAnnotations;

namespace Verification.Proctoring.Privacy.Retention;

/// <summary>
/// Section <c>Proctoring:Retention</c>: the published retention schedule, one period per data class. The retention
/// job enforces these values, and the public page and the consent text quote them, so none can disagree. Validated at
/// start-up: BIPA caps biometric templates at three years after the last interaction.
/// </summary>
internal sealed class RetentionSettings
{
    public const string SectionName = "Proctoring:Retention";

    /// <summary>Days the ID photo is kept after the enrollment completes (evidence for a reviewer).</summary>
    [Range(1, 365)]
    public int IdPhotoDays { get; set; } = 30;

    /// <summary>Hours after its last capture that an enrollment never completed is abandoned and deleted.</summary>
    [Range(1, 720)]
    public int AbandonedDraftHours { get; set; } = 24;

    /// <summary>Days after the learner's last interaction (enrollment or session) that face and typing templates are deleted.</summary>
    [Range(1, 1095)]
    public int TemplateDaysAfterLastInteraction { get; set; } = 1095;

    /// <summary>Days after the learner's last verified certificate track ends (completed or removed) that face and typing templates are deleted.</summary>
    [Range(0, 1095)]
    public int TemplateDaysAfterLastTrackEnds { get; set; } = 30;

    /// <summary>Days evidence frames are kept after their review case is closed (or after the session, when no case opened).</summary>
    [Range(0, 365)]
    public int EvidenceGraceDays { get; set; } = 30;

    /// <summary>Days per-frame match and liveness scores and keystroke check results are kept after their session, unless a review case is open.</summary>
    [Range(1, 365)]
    public int SessionScoresDays { get; set; } = 90;

    /// <summary>How often the retention job runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromHours(1);
}
