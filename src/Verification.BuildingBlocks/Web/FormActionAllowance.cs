using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Verification.BuildingBlocks.Web;

/// <summary>
/// One more origin the Content-Security-Policy's <c>form-action</c> allows, for one response only: a page that posts a
/// form to another site (the LTI tool's LtiStartAssessment to the platform's start_assessment_url) sets it on its
/// response; the Host's security headers add it to <c>form-action 'self'</c> and nothing else.
/// </summary>
public sealed partial class FormActionAllowance
{
    private FormActionAllowance(string origin) => Origin = origin;

    /// <summary>The origin, <c>scheme://host[:port]</c>, as the CSP source expression carries it.</summary>
    public string Origin { get; }

    /// <summary>Allows the origin of <paramref name="target"/> (an absolute http(s) address) for this response; false for anything else.</summary>
    public static bool Allow(HttpContext context, string target)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        // Uri already normalises the authority; the pattern keeps anything that could end or extend the directive out.
        var origin = uri.GetLeftPart(UriPartial.Authority);
        if (!OriginPattern().IsMatch(origin))
        {
            return false;
        }

        context.Features.Set(new FormActionAllowance(origin));
        return true;
    }

    [GeneratedRegex(@"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex OriginPattern();
}
