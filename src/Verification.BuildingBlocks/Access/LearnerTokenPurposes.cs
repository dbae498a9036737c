namespace Verification.BuildingBlocks.Access;

/// <summary>The values of a learner token's <see cref="AccessClaims.Purpose"/> claim.</summary>
public static class LearnerTokenPurposes
{
    /// <summary>Consent, identity enrollment and the learner's own data.</summary>
    public const string Enrollment = "enrollment";

    /// <summary>One verification session for one assessment attempt.</summary>
    public const string Session = "session";
}
