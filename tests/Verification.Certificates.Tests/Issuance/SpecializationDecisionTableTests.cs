using Verification.Certificates.Issuance;

namespace Verification.Certificates.Tests.Issuance;

/// <summary>The specialization's decision as a table (docs/certificates.md): its courses' certificates, paid, and its current state in, the change out.</summary>
public sealed class SpecializationDecisionTableTests
{
    public static TheoryData<string, bool, string?, string> Rows => new()
    {
        // courses' certificates ("-": none), paid, current, expected
        { "Issued Issued", true, null, "Issue" },
        { "Issued Issued", false, null, "Keep" },
        { "Issued -", true, null, "Keep" },
        { "- -", true, null, "Keep" },
        { "Issued Held", true, null, "Hold" },
        { "Issued Held", false, null, "Keep" },
        { "Issued Revoked", true, null, "Keep" },
        { "Issued Held", true, "Issued", "Hold" },
        { "Issued Issued", true, "Held", "Issue" },
        { "Issued Issued", true, "Revoked", "Issue" },
        { "Issued Issued", true, "Issued", "Keep" },
        { "Issued Revoked", true, "Issued", "Revoke course_revoked" },
        { "Held Revoked", true, "Held", "Revoke course_revoked" },
        { "Issued Revoked", true, "Revoked", "Keep" },
        { "Issued Held", false, "Held", "Revoke entitlement_withdrawn" },
        { "Issued Issued", false, "Issued", "Keep" },
        { "", true, null, "Keep" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decides_the_change_from_the_courses_certificates_payment_and_current_state(string courses, bool paid, string? current, string expected)
    {
        var statuses = courses.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c == "-" ? (CertificateStatus?)null : Enum.Parse<CertificateStatus>(c)).ToList();
        var now = current is null ? (CertificateStatus?)null : Enum.Parse<CertificateStatus>(current);

        var outcome = SpecializationDecision.Decide(paid, statuses, now);

        Assert.Equal(expected, outcome.Reason is null ? outcome.Action.ToString() : $"{outcome.Action} {outcome.Reason}");
    }
}
