namespace Verification.BuildingBlocks.Access;

/// <summary>What a genuine, unexpired learner token binds: one learner of one partner, one course, and for a session one assessment attempt.</summary>
public sealed record LearnerToken(
    Guid LearnerId,
    Guid PartnerId,
    Guid CourseId,
    string? AssessmentId,
    int Attempt,
    string Purpose,
    Guid TokenId,
    DateTimeOffset ExpiresAt);
