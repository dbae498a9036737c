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
        var credentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = signing.KeyId }, SecurityAlgorithms.EcdsaSha256);
        var header = new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = mediaType, [JwtHeaderParameterNames.Cty] = "vc" };
        var jwt = new JsonWebTokenHandler().CreateToken(credential.ToJsonString(), credentials, header);
        return (jwt, signing.KeyId);
    }
}
