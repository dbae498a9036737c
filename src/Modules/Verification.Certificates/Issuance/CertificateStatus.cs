using System.Text.Json.Serialization;

namespace Verification.Certificates.Issuance;

/// <summary>Where a certificate stands: held while a person reviews, issued (valid), or revoked with a reason.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CertificateStatus>))]
internal enum CertificateStatus
{
    [JsonStringEnumMemberName("held")]
    Held,

    [JsonStringEnumMemberName("issued")]
    Issued,

    [JsonStringEnumMemberName("revoked")]
    Revoked,
}

internal static class CertificateStatusColumn
{
    public static string ToColumn(CertificateStatus status) => status switch
    {
        CertificateStatus.Held => "held",
        CertificateStatus.Issued => "issued",
        _ => "revoked",
    };

    public static CertificateStatus FromColumn(string column) => column switch
    {
        "held" => CertificateStatus.Held,
        "issued" => CertificateStatus.Issued,
        "revoked" => CertificateStatus.Revoked,
        _ => throw new InvalidOperationException($"Unknown certificate status '{column}'."),
    };
}
