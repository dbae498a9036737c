using Microsoft.AspNetCore.Http;

namespace Verification.Lti.ToolConfiguration;

/// <summary>The tool's addresses an LMS administrator registers: the same paths the endpoints are mapped at.</summary>
internal sealed record ToolUrls(string LoginInitiationUrl, string LaunchUrl, string JwksUrl)
{
    public const string LoginPath = "/lti/login";
    public const string LaunchPath = "/lti/launch";
    public const string JwksPath = "/lti/jwks.json";

    public static ToolUrls For(string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        return new ToolUrls(root + LoginPath, root + LaunchPath, root + JwksPath);
    }

    public static ToolUrls For(LtiSettings settings, HttpRequest request) =>
        For(settings.PublicBaseUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}");
}
