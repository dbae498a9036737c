using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Certificates.Credentials;

/// <summary>
/// Signs a credential as a VC-JWT (VC-JOSE: the JWT's payload is the credential itself), ES256 with the active key,
/// its <c>kid</c> naming the key in the published JWKS.
/// </summary>
internal sealed class CredentialSigner(SigningKeyStore keys)
{
    public async Task<(string Jwt, string KeyId)> SignAsync(JsonObject credential, string mediaType, CancellationToken cancellationToken)
    {
        var signing = await keys.ActiveAsync(cancellationToken);
        using var ecdsa = signing.Key;
        // Not cached: the key object is disposed after this signature, and a cached provider would keep it.
        var key = new ECDsaSecurityKey(ecdsa) { KeyId = signing.KeyId, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        var credentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);
        var header = new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = mediaType, [JwtHeaderParameterNames.Cty] = "vc" };
        var jwt = new JsonWebTokenHandler().CreateToken(credential.ToJsonString(), credentials, header);
        return (jwt, signing.KeyId);
    }
}
