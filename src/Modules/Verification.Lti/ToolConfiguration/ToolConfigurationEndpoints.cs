using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
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

    /// <summary>The configuration for <paramref name="urls"/>; the CLI prints the same.</summary>
    public static async Task<ToolConfigurationView> DescribeAsync(ToolKeyStore keys, ToolUrls urls, CancellationToken cancellationToken)
    {
        using var active = (await keys.ActiveAsync(cancellationToken)).Key;
        var jwk = (await keys.PublicKeysAsync(cancellationToken))[^1];
        return new ToolConfigurationView(urls.LoginInitiationUrl, urls.LaunchUrl, urls.LaunchUrl, urls.JwksUrl, active.ExportSubjectPublicKeyInfoPem(), JsonDocument.Parse(jwk).RootElement.Clone());
    }
}
