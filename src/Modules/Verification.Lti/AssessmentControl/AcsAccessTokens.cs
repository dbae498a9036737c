using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.Platforms;
using Verification.Lti.ToolKeys;

namespace Verification.Lti.AssessmentControl;

/// <summary>
/// An access token for the ACS scope from the platform's token endpoint: OAuth 2 client credentials with a JWT
/// assertion signed by the tool key (LTI Security Framework 1.0, 4.1: iss and sub the client id, aud the token endpoint).
/// </summary>
internal sealed class AcsAccessTokens(IHttpClientFactory clients, ToolKeyStore keys, TimeProvider time)
{
    public const string ClientName = "lti-acs";

    private sealed record TokenAnswer([property: JsonPropertyName("access_token")] string? AccessToken);

    public async Task<string> RequestAsync(Platform platform, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = await keys.ActiveAsync(cancellationToken);
        string assertion;
        using (var rsa = active.Key)
        {
            var key = new RsaSecurityKey(rsa) { KeyId = active.KeyId, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
            assertion = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Claims = new Dictionary<string, object>
                {
                    ["iss"] = platform.ClientId,
                    ["sub"] = platform.ClientId,
                    ["aud"] = platform.TokenEndpoint,
                    ["iat"] = now.ToUnixTimeSeconds(),
                    ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
                    ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
                },
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            });
        }

        using var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsync(new Uri(platform.TokenEndpoint), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = LtiClaims.AcsScope,
        }), cancellationToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        return answer?.AccessToken is { Length: > 0 } token ? token : throw new HttpRequestException("The platform's token endpoint answered without an access_token.");
    }
}
