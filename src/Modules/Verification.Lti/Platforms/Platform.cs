namespace Verification.Lti.Platforms;

/// <summary>A partner's LMS as its administrator registered it: who issues launches, and where its endpoints are.</summary>
internal sealed record Platform(
    Guid Id,
    Guid PartnerId,
    string Issuer,
    string ClientId,
    string[] DeploymentIds,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string JwksUrl,
    DateTimeOffset CreatedAt);
