using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.Login;
using Verification.Lti.Platforms;

namespace Verification.Lti.Launch;

/// <summary>
/// Checks a launch (LTI Security Framework 1.0, 5.1.3): the state against the browser's cookie and the login store,
/// then the id_token's signature against the platform's JWKS, <c>iss</c>, <c>aud</c>, <c>azp</c>, <c>exp</c>,
/// <c>iat</c>, <c>nonce</c>, the deployment id, the LTI version and the message type, each with its own refusal.
/// </summary>
internal sealed class LaunchValidator(LoginStateStore states, PlatformStore platforms, PlatformKeys keys, LtiSettings settings, TimeProvider time)
{
    private static readonly HashSet<string> MessageTypes = new(StringComparer.Ordinal) { LtiClaims.StartProctoring, LtiClaims.EndAssessment };

    public async Task<(ValidatedLaunch? Launch, LaunchRefusal? Refusal)> ValidateAsync(string? idToken, string? state, string? cookie, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idToken) || string.IsNullOrEmpty(state) || idToken.Length > 64 * 1024 || state.Length > 200)
        {
            return (null, LaunchRefusal.Request("lti_request_invalid", "A launch is a form POST with id_token and state."));
        }

        if (cookie is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(state)))
        {
            return (null, LaunchRefusal.Request("lti_state_mismatch", "The state does not match the login this browser started; start the launch again from the LMS."));
        }

        var (login, stateError) = await states.ConsumeAsync(state, cancellationToken);
        if (login is null)
        {
            return (null, LaunchRefusal.Request(stateError!, stateError switch
            {
                "lti_state_used" => "This login was already completed; start the launch again from the LMS.",
                "lti_state_expired" => "The login took too long; start the launch again from the LMS.",
                _ => "No login was started with this state.",
            }));
        }

        var platform = await platforms.GetAsync(login.PlatformId, cancellationToken)
            ?? throw new InvalidOperationException("A login state names a platform that no longer exists.");
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return (null, LaunchRefusal.Token("lti_token_malformed", "The id_token is not a signed JWT."));
        }

        if (!token.TryGetPayloadValue<string>("iss", out var issuer) || issuer != platform.Issuer)
        {
            return (null, LaunchRefusal.Token("lti_issuer_invalid", "The id_token's iss is not the issuer of the platform that started the login."));
        }

        if (await SignatureAsync(token, idToken, platform, cancellationToken) is { } signature)
        {
            return (null, signature);
        }

        return await ClaimsAsync(token, platform, login.Nonce, cancellationToken);
    }

    private async Task<LaunchRefusal?> SignatureAsync(JsonWebToken token, string idToken, Platform platform, CancellationToken cancellationToken)
    {
        if (token.Alg != SecurityAlgorithms.RsaSha256)
        {
            return LaunchRefusal.Token("lti_signature_invalid", "LTI id_tokens are signed RS256.");
        }

        var platformKeys = await keys.GetAsync(platform.JwksUrl, token.Kid, cancellationToken);
        if (platformKeys is null)
        {
            return LaunchRefusal.Token("lti_platform_keys_unavailable", "The platform's JWKS could not be fetched; check its JWKS URL in the registration.");
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            IssuerSigningKeys = platformKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            // Each claim below is checked by hand against the service's clock, to give each failure its own reason.
            TryAllIssuerSigningKeys = false,
        });
        return result.IsValid ? null : LaunchRefusal.Token("lti_signature_invalid", "The id_token's signature does not verify with any key in the platform's JWKS.");
    }

    private async Task<(ValidatedLaunch?, LaunchRefusal?)> ClaimsAsync(JsonWebToken token, Platform platform, string expectedNonce, CancellationToken cancellationToken)
    {
        var audiences = token.Audiences.ToList();
        if (!audiences.Contains(platform.ClientId, StringComparer.Ordinal))
        {
            return (null, LaunchRefusal.Token("lti_audience_invalid", "The id_token's aud does not name this tool's client id."));
        }

        var hasAzp = token.TryGetPayloadValue<string>("azp", out var azp);
        if ((hasAzp && azp != platform.ClientId) || (audiences.Count > 1 && !hasAzp))
        {
            return (null, LaunchRefusal.Token("lti_azp_invalid", "With several audiences the id_token needs azp, and azp must be this tool's client id."));
        }

        var now = time.GetUtcNow();
        var skew = TimeSpan.FromSeconds(settings.ClockSkewSeconds);
        if (!token.TryGetPayloadValue<long>("exp", out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp) + skew <= now)
        {
            return (null, LaunchRefusal.Token("lti_token_expired", "The id_token has expired (exp)."));
        }

        if (!token.TryGetPayloadValue<long>("iat", out var iat) || DateTimeOffset.FromUnixTimeSeconds(iat) - skew > now
            || now - DateTimeOffset.FromUnixTimeSeconds(iat) > TimeSpan.FromSeconds(settings.MaximumTokenAgeSeconds) + skew)
        {
            return (null, LaunchRefusal.Token("lti_iat_invalid", "The id_token's iat is missing, in the future, or too long ago."));
        }

        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(expectedNonce)))
        {
            var replayed = nonce is not null && await states.WasUsedAsync(nonce, cancellationToken);
            return (null, replayed
                ? LaunchRefusal.Token("lti_nonce_replayed", "The id_token's nonce was already used by an earlier launch.")
                : LaunchRefusal.Token("lti_nonce_invalid", "The id_token's nonce is not the one sent for this login."));
        }

        if (!token.TryGetPayloadValue<string>(LtiClaims.DeploymentId, out var deployment) || !platform.DeploymentIds.Contains(deployment, StringComparer.Ordinal))
        {
            return (null, LaunchRefusal.Token("lti_deployment_unknown", "The deployment id is not registered for this platform."));
        }

        if (!token.TryGetPayloadValue<string>(LtiClaims.Version, out var version) || version != LtiClaims.LtiVersion)
        {
            return (null, LaunchRefusal.Token("lti_version_unsupported", "Only LTI 1.3.0 launches are accepted."));
        }

        if (!token.TryGetPayloadValue<string>(LtiClaims.MessageType, out var messageType) || !MessageTypes.Contains(messageType))
        {
            return (null, LaunchRefusal.Token("lti_message_type_unsupported", "This tool accepts LtiStartProctoring and LtiEndAssessment messages."));
        }

        if (!token.TryGetPayloadValue<string>("sub", out var subject) || string.IsNullOrEmpty(subject) || ResourceLinkId(token) is not { } resourceLink)
        {
            return (null, LaunchRefusal.Token("lti_claim_missing", "A proctoring launch needs sub and a resource_link with an id."));
        }

        return (new ValidatedLaunch(platform, token, deployment, messageType, subject, resourceLink), null);
    }

    private static string? ResourceLinkId(JsonWebToken token) =>
        token.TryGetPayloadValue<JsonElement>(LtiClaims.ResourceLink, out var link) && link.ValueKind == JsonValueKind.Object
            && link.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : null;
}
