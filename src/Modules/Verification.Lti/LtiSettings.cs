using System.ComponentModel.DataAnnotations;

namespace Verification.Lti;

/// <summary>The LTI tool's timings; bound from <c>Lti</c> and checked at start-up.</summary>
internal sealed class LtiSettings
{
    public const string SectionName = "Lti";

    /// <summary>How long a login's state and nonce wait for the platform's launch: the platform answers in a redirect, so minutes suffice.</summary>
    [Range(30, 3600)]
    public int StateLifetimeSeconds { get; set; } = 300;

    /// <summary>Clock difference allowed between the platform and this service when reading <c>exp</c> and <c>iat</c>.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>An <c>id_token</c> issued longer ago than this is refused, whatever its <c>exp</c> says: a launch is used at once.</summary>
    [Range(60, 3600)]
    public int MaximumTokenAgeSeconds { get; set; } = 600;

    /// <summary>How long a platform's JWKS is kept before it is fetched again; an unknown <c>kid</c> refetches it at once.</summary>
    [Range(0, 86400)]
    public int PlatformKeysCacheSeconds { get; set; } = 3600;

    /// <summary>
    /// The address LMSs reach this service at (<c>https://verify.example.org</c>), for the URLs an administrator copies;
    /// unset, the request's own scheme and host are used.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}
