using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.ToolKeys;

namespace Verification.Lti.ToolConfiguration;

/// <summary>
/// What an LMS administrator copies into the platform: the tool's login initiation, launch and JWKS URLs and its public
/// key. All public by nature (a platform fetches the JWKS unauthenticated); the page <c>/lti/</c> shows them.
/// </summary>
internal static class ToolConfigurationEndpoints
{
    public sealed record ToolConfigurationView(string LoginInitiationUrl, string LaunchUrl, string RedirectUrl, string JwksUrl, string PublicKeyPem, JsonElement PublicJwk);

    public static void MapToolConfiguration(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ToolUrls.JwksPath, JwksAsync).AllowAnonymous().WithTags("LTI")
            .WithSummary("The LTI tool's public keys (JWKS): platforms verify LtiStartAssessment messages and client-credential assertions with them.")
            .Produces(StatusCodes.Status200OK, contentType: "application/jwk-set+json");
        endpoints.MapGet("/lti/tool", ConfigurationAsync).AllowAnonymous().WithTags("LTI")
            .WithSummary("The values an LMS administrator registers for this tool: login initiation URL, launch (redirect) URL, JWKS URL and public key.");
    }

    private static async Task<ContentHttpResult> JwksAsync(ToolKeyStore keys, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Content(await keys.JwksAsync(cancellationToken), "application/jwk-set+json");
    }

    private static async Task<Ok<ToolConfigurationView>> ConfigurationAsync(ToolKeyStore keys, LtiSettings settings, HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(keys, ToolUrls.For(settings, request), cancellationToken));

    /// <summary>
    /// The configuration for <paramref name="urls"/>; the CLI prints the same. The PEM is made from the newest public
    /// JWK (the signing one; PublicKeysAsync makes the first key): the private key is never opened for this.
    /// </summary>
    public static async Task<ToolConfigurationView> DescribeAsync(ToolKeyStore keys, ToolUrls urls, CancellationToken cancellationToken)
    {
        var jwk = JsonDocument.Parse((await keys.PublicKeysAsync(cancellationToken))[^1]).RootElement.Clone();
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64UrlEncoder.DecodeBytes(jwk.GetProperty("n").GetString()),
            Exponent = Base64UrlEncoder.DecodeBytes(jwk.GetProperty("e").GetString()),
        });
        return new ToolConfigurationView(urls.LoginInitiationUrl, urls.LaunchUrl, urls.LaunchUrl, urls.JwksUrl, rsa.ExportSubjectPublicKeyInfoPem(), jwk);
    }
}
