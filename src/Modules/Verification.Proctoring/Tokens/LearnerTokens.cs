using Verification.BuildingBlocks.Access;

namespace Verification.Proctoring.Tokens;

/// <summary>
/// The hub's view of a learner token. The token is a JWT validated by the same <see cref="LearnerTokenService"/> as the
/// Host's bearer scheme; tokens are minted by the Access module.
/// </summary>
internal sealed class LearnerTokens(LearnerTokenService service)
{
    /// <summary>The claims of a genuine, unexpired token; null for a forged, altered, unsigned, malformed or expired one.</summary>
    public async Task<LearnerTokenClaims?> ValidateAsync(string? token)
    {
        var claims = await service.ValidateAsync(token);
        return claims is null
            ? null
            : new LearnerTokenClaims(
                claims.LearnerId,
                claims.CourseId,
                claims.AssessmentId,
                claims.Purpose == LearnerTokenPurposes.Session ? LearnerTokenPurpose.Session : LearnerTokenPurpose.Enrollment,
                claims.ExpiresAt,
                claims.Attempt,
                claims.TokenId);
    }
}
