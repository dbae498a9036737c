using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.Tests.Support;

namespace Verification.Lti.Tests.ToolConfiguration;

/// <summary>
/// What the LMS administrator copies (docs/lti.md, section 1): the URLs, and a public key that is the one the JWKS
/// publishes for signing, as PEM and as JWK.
/// </summary>
public sealed class ToolConfigurationTests(LtiApp app) : IClassFixture<LtiApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_tool_values_name_the_lti_urls_and_the_newest_key_of_the_jwks_as_pem_and_jwk()
    {
        using var client = app.CreateClient();
        using var tool = JsonDocument.Parse(await client.GetStringAsync(new Uri("/lti/tool", UriKind.Relative), Cancel));
        using var jwks = JsonDocument.Parse(await client.GetStringAsync(new Uri("/lti/jwks.json", UriKind.Relative), Cancel));
        var root = tool.RootElement;
        Assert.Equal("http://localhost/lti/login", root.GetProperty("loginInitiationUrl").GetString());
        Assert.Equal("http://localhost/lti/launch", root.GetProperty("launchUrl").GetString());
        Assert.Equal("http://localhost/lti/launch", root.GetProperty("redirectUrl").GetString());
        Assert.Equal("http://localhost/lti/jwks.json", root.GetProperty("jwksUrl").GetString());

        var newest = jwks.RootElement.GetProperty("keys").EnumerateArray().Last();
        var jwk = root.GetProperty("publicJwk");
        Assert.Equal(newest.GetProperty("kid").GetString(), jwk.GetProperty("kid").GetString());
        Assert.Equal("RS256", jwk.GetProperty("alg").GetString());
        Assert.False(jwk.TryGetProperty("d", out _));

        using var rsa = RSA.Create();
        rsa.ImportFromPem(root.GetProperty("publicKeyPem").GetString());
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        Assert.Equal(newest.GetProperty("n").GetString(), Base64UrlEncoder.Encode(parameters.Modulus));
        Assert.Equal(newest.GetProperty("e").GetString(), Base64UrlEncoder.Encode(parameters.Exponent));
    }
}
