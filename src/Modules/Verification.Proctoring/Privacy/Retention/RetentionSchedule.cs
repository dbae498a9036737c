using System.Globalization;

namespace Verification.Proctoring.Privacy.Retention;

/// <summary>One line of the published schedule: a data class and how long it is kept, in words a learner reads.</summary>
internal sealed record RetentionPeriod(string DataClass, string Data, string KeptFor);

/// <summary>
/// The schedule in words, made from <see cref="RetentionSettings"/>: the public page lists it and the consent text
/// quotes it, from the same values the retention job enforces.
/// </summary>
internal sealed class RetentionSchedule(RetentionSettings settings)
{
    /// <summary>Where a stored consent text takes the schedule's sentence.</summary>
    public const string ConsentPlaceholder = "{retention}";

    public IReadOnlyList<RetentionPeriod> Periods =>
    [
        new("id_photo", "Photo of your ID", $"{Days(settings.IdPhotoDays)} after you finish enrolling; until then, while you enroll."),
        new("enrollment_frames", "Webcam pictures taken while you enroll", $"Only until your identity profile is built, except a small picture of your face from each of the first {Identity.EnrollmentFaces.Kept}, kept with your profile (below) so that a person reviewing an assessment can compare."),
        new("abandoned_enrollment_draft", "An enrollment you did not finish", $"{Hours(settings.AbandonedDraftHours)} after your last capture."),
        new("face_and_typing_templates", "Face and typing profile (templates), with the pictures of your face kept from enrolling", $"{Days(settings.TemplateDaysAfterLastTrackEnds)} after your last certificate track ends, and at most {Days(settings.TemplateDaysAfterLastInteraction)} after your last activity."),
        new("evidence_frames", "Photos kept as evidence during an assessment", $"Until the person reviewing them closes the review, plus {Days(settings.EvidenceGraceDays)}; never deleted while the review is open."),
        new("per_frame_scores", "Per-picture match and liveness scores, typing check results", $"{Days(settings.SessionScoresDays)} after the assessment, or until its review closes, whichever is later."),
    ];

    /// <summary>The consent text's sentence about retention, in the language of the text that quotes it.</summary>
    public string ConsentSentence(string language) => RetentionSentences.For(language, settings);

    public string QuoteIn(string consentText, string language) => consentText.Replace(ConsentPlaceholder, ConsentSentence(language), StringComparison.Ordinal);

    private static string Days(int days) => days switch
    {
        1 => "1 day",
        _ when days % 365 == 0 => $"{(days / 365).ToString(CultureInfo.InvariantCulture)} year{(days == 365 ? "" : "s")} ({days.ToString(CultureInfo.InvariantCulture)} days)",
        _ => $"{days.ToString(CultureInfo.InvariantCulture)} days",
    };

    private static string Hours(int hours) => hours == 1 ? "1 hour" : $"{hours.ToString(CultureInfo.InvariantCulture)} hours";
}
