using Verification.BuildingBlocks.Encryption;

namespace Verification.Proctoring.Privacy;

/// <summary>
/// Where this module keeps ciphertexts under the master key: learner keys and session flag evidence always; the
/// biometric columns only in rows written before learner keys existed (newer rows name <c>learner</c> and are skipped).
/// </summary>
internal static class MasterKeyColumns
{
    public static IReadOnlyList<SealedColumn> All { get; } =
    [
        new("learner data keys", "proctoring.learner_keys", "wrapped_key", "key_id"),
        new("session flag evidence", "proctoring.sessions", "evidence", "evidence_key_id"),
        new("face templates (before learner keys)", "proctoring.identity_profiles", "face_template", "face_template_key_id"),
        new("typing templates (before learner keys)", "proctoring.identity_profiles", "keystroke_profile", "keystroke_profile_key_id"),
        new("typing phrases (before learner keys)", "proctoring.identity_profiles", "typing_phrase_sealed", "typing_phrase_key_id"),
        new("enrollment frames (before learner keys)", "proctoring.enrollment_frames", "embedding", "key_id"),
        new("enrollment typing samples (before learner keys)", "proctoring.enrollment_typing_samples", "key_events", "key_id"),
        new("ID photos (before learner keys)", "proctoring.id_photos", "image", "image_key_id"),
        new("ID photo embeddings (before learner keys)", "proctoring.id_photos", "embedding", "embedding_key_id"),
        new("evidence frames (before learner keys)", "proctoring.evidence_frames", "image", "key_id"),
    ];
}
