namespace Verification.Proctoring.Tokens;

/// <summary>What a learner token allows: one learner, one course, and for sessions one assessment attempt, until it expires.</summary>
internal sealed record LearnerTokenClaims(Guid LearnerId, Guid CourseId, string? AssessmentId, LearnerTokenPurpose Purpose, DateTimeOffset ExpiresAt, int Attempt, Guid TokenId);

internal enum LearnerTokenPurpose
{
    /// <summary>Consent and identity enrollment.</summary>
    Enrollment,

    /// <summary>A verification session for one assessment.</summary>
    Session,
}
