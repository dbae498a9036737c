namespace Verification.Certificates.Credentials;

/// <summary><c>Certificates:PublicBaseUrl</c>: the service's public address, in issuer profiles, status lists and links.</summary>
internal sealed class CertificateSettings
{
    public const string SectionName = "Certificates";

    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public string Base => PublicBaseUrl.TrimEnd('/');

    public string IssuerUrl(Guid partnerId) => $"{Base}/issuers/{partnerId}";

    public string StatusListUrl => $"{Base}/credentials/status/1";

    public string VerifyUrl(string displayCode) => $"{Base}/verify/{displayCode}";

    public string? Validate() =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0
            ? null
            : "Certificates:PublicBaseUrl must be the service's absolute http(s) address, e.g. https://verify.example.org";
}
