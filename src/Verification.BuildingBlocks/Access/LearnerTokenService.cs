using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Verification.BuildingBlocks.Access;

/// <summary>
/// Learner tokens as JWTs signed with HMAC-SHA256 under <c>Proctoring:TokenSigningKey</c>. The Host's bearer scheme and
/// the hub's <c>StartSession(token)</c> validate through the same <see cref="Parameters"/>, so they cannot disagree.
/// Only HS256 is accepted: <c>alg: none</c>, other algorithms, forged signatures and expired tokens fail.
/// </summary>
public sealed class LearnerTokenService
{
    public const string SigningKeySetting = "Proctoring:TokenSigningKey";
    public const string Issuer = "verification";
    public const string Audience = "verification-learner";
    private const int MaxTokenLength = 4096;

    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MaximumTokenSizeInBytes = MaxTokenLength };
    private readonly TimeProvider _time;

    public LearnerTokenService(IConfiguration configuration, TimeProvider time)
    {
        var configured = configuration[SigningKeySetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new SettingInvalidException($"{SigningKeySetting} is not set: configure the base64 of at least 32 random bytes.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(configured);
        }
        catch (FormatException ex)
        {
            throw new SettingInvalidException($"{SigningKeySetting} must be base64.", ex);
        }

        if (key.Length < 32)
        {
            throw new SettingInvalidException($"{SigningKeySetting} must hold at least 32 bytes.");
        }

        _time = time;
        var securityKey = new SymmetricSecurityKey(key) { KeyId = "learner-1" };
        _credentials = new SigningCredentials(securityKey, SecurityAlgorithms.HmacSha256);
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = securityKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,
            // The clock is the application's TimeProvider, so tests can move it.
            LifetimeValidator = (_, expires, _, _) => expires is { } at && at > _time.GetUtcNow().UtcDateTime,
            NameClaimType = AccessClaims.LearnerId,
        };
    }

    /// <summary>Validation settings for the Host's JwtBearer scheme.</summary>
    public TokenValidationParameters Parameters { get; }

    public (string Token, LearnerToken Claims) Issue(Guid learnerId, Guid partnerId, Guid courseId, string purpose, string? assessmentId, int attempt, TimeSpan lifetime)
    {
        var now = _time.GetUtcNow();
        var claims = new LearnerToken(learnerId, partnerId, courseId, assessmentId, attempt, purpose, Guid.CreateVersion7(now), TruncateToSeconds(now.Add(lifetime)));
        var subject = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = learnerId.ToString(),
            [JwtRegisteredClaimNames.Jti] = claims.TokenId.ToString(),
            [AccessClaims.LearnerId] = learnerId.ToString(),
            [AccessClaims.PartnerId] = partnerId.ToString(),
            [AccessClaims.CourseId] = courseId.ToString(),
            [AccessClaims.Purpose] = purpose,
            [AccessClaims.Attempt] = attempt,
        };
        if (assessmentId is not null)
        {
            subject[AccessClaims.AssessmentId] = assessmentId;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = claims.ExpiresAt.UtcDateTime,
            Claims = subject,
            SigningCredentials = _credentials,
        });
        return (token, claims);
    }

    /// <summary>The claims of a genuine, unexpired token; null for a forged, altered, unsigned, malformed or expired one.</summary>
    public async Task<LearnerToken?> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters);
        return result.IsValid ? Read(result.ClaimsIdentity) : null;
    }

    /// <summary>The learner token a validated principal carries; null when a claim is missing or malformed.</summary>
    public static LearnerToken? Read(ClaimsIdentity? identity)
    {
        if (identity is null
            || !Guid.TryParse(identity.FindFirst(AccessClaims.LearnerId)?.Value, out var learnerId)
            || !Guid.TryParse(identity.FindFirst(AccessClaims.PartnerId)?.Value, out var partnerId)
            || !Guid.TryParse(identity.FindFirst(AccessClaims.CourseId)?.Value, out var courseId)
            || !Guid.TryParse(identity.FindFirst(JwtRegisteredClaimNames.Jti)?.Value, out var tokenId)
            || !int.TryParse(identity.FindFirst(AccessClaims.Attempt)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
            || !long.TryParse(identity.FindFirst(JwtRegisteredClaimNames.Exp)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || identity.FindFirst(AccessClaims.Purpose)?.Value is not (LearnerTokenPurposes.Enrollment or LearnerTokenPurposes.Session))
        {
            return null;
        }

        return new LearnerToken(
            learnerId, partnerId, courseId, identity.FindFirst(AccessClaims.AssessmentId)?.Value, attempt,
            identity.FindFirst(AccessClaims.Purpose)!.Value, tokenId, DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
