using Verification.BuildingBlocks.Web;

namespace Verification.Host.Security;

/// <summary>
/// The headers every answer carries (pages, API, errors, 404s, static files): set when the response starts, so no
/// later middleware or endpoint can send an answer without them.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>Pages and API answers: scripts, styles and connections from this origin only, no inline code, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar) writes its configuration as an inline module script and inline styles; it gets those
    /// allowances under its own path only, and still no other origin.
    /// </summary>
    public const string ReferenceContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ReferencePath = "/scalar";

    public const string PermissionsPolicy = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()";

    public const string ReferrerPolicy = "no-referrer";

    // Two years, the preload list's minimum; sent only over TLS, where a browser honours it.
    public const string StrictTransportSecurity = "max-age=63072000; includeSubDomains";

    /// <summary>The page policy, with the one origin a response allowed itself to post a form to (<see cref="FormActionAllowance"/>).</summary>
    public static string WithFormAction(FormActionAllowance? allowance) =>
        allowance is null ? ContentSecurityPolicy : ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {allowance.Origin}", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ReferencePath, StringComparison.OrdinalIgnoreCase)
                    ? ReferenceContentSecurityPolicy
                    : WithFormAction(http.Features.Get<FormActionAllowance>());
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
