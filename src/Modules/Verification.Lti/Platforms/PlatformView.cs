namespace Verification.Lti.Platforms;

/// <summary>A registration as the admin API shows it.</summary>
internal sealed record PlatformView(Guid Id, Guid PartnerId, string Issuer, string ClientId, IReadOnlyList<string> DeploymentIds, string AuthorizationEndpoint, string TokenEndpoint, string JwksUrl, DateTimeOffset CreatedAt)
{
    public static PlatformView Of(Platform p) => new(p.Id, p.PartnerId, p.Issuer, p.ClientId, p.DeploymentIds, p.AuthorizationEndpoint, p.TokenEndpoint, p.JwksUrl, p.CreatedAt);
}
