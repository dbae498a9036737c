using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.ToolKeys;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// LtiStartAssessment (LTI Proctoring Services 1.0, 4.3): a JWT signed with the tool's key, from the tool (its client
/// id) to the platform (its issuer), echoing session_data, attempt_number and the resource link. verified_user carries
/// only what the tool verified (names), never iss or sub, which are the platform's and not the tool's to vouch for.
/// </summary>
internal sealed class StartAssessmentMessage(ToolKeyStore keys, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public sealed record Echo(string ClientId, string PlatformIssuer, string DeploymentId, string ResourceLinkId, string SessionData, int AttemptNumber);

    public sealed record VerifiedUser(string? GivenName, string? FamilyName, string? Name);

    public async Task<string> SignAsync(Echo echo, VerifiedUser? verified, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = echo.ClientId,
            ["aud"] = echo.PlatformIssuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
            ["nonce"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24)),
            [LtiClaims.MessageType] = LtiClaims.StartAssessment,
            [LtiClaims.Version] = LtiClaims.LtiVersion,
            [LtiClaims.DeploymentId] = echo.DeploymentId,
            [LtiClaims.ResourceLink] = new Dictionary<string, object> { ["id"] = echo.ResourceLinkId },
            [LtiClaims.SessionData] = echo.SessionData,
            [LtiClaims.AttemptNumber] = echo.AttemptNumber,
        };
        if (verified is not null)
        {
            var user = new Dictionary<string, object>();
            Add(user, "given_name", verified.GivenName);
            Add(user, "family_name", verified.FamilyName);
            Add(user, "name", verified.Name);
            claims[LtiClaims.VerifiedUser] = user;
        }

        var active = await keys.ActiveAsync(cancellationToken);
        using var rsa = active.Key;
        // Not cached: the key object is disposed after this signature, and a cached provider would keep it.
        var key = new RsaSecurityKey(rsa) { KeyId = active.KeyId, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static void Add(Dictionary<string, object> user, string name, string? value)
    {
        if (value is not null)
        {
            user[name] = value;
        }
    }
}
