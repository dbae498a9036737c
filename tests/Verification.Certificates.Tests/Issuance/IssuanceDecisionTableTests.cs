using Verification.Certificates.Issuance;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Tests.Issuance;

/// <summary>The decision as a table (docs/certificates.md): answers and the current state in, the change out.</summary>
public sealed class IssuanceDecisionTableTests
{
    public static TheoryData<bool, bool, IdentityStatus, string?, string> Rows => new()
    {
        // paid, passed, identity, current, expected
        { true, true, IdentityStatus.Verified, null, "Issue" },
        { true, true, IdentityStatus.PendingReview, null, "Hold" },
        { true, true, IdentityStatus.NotVerified, null, "Keep" },
        { true, true, IdentityStatus.NotEnrolled, null, "Keep" },
        { true, true, IdentityStatus.Rejected, null, "Keep" },
        { true, false, IdentityStatus.Verified, null, "Keep" },
        { false, true, IdentityStatus.Verified, null, "Keep" },
        { true, true, IdentityStatus.Verified, "Held", "Issue" },
        { true, true, IdentityStatus.PendingReview, "Issued", "Hold" },
        { true, true, IdentityStatus.Rejected, "Held", "Revoke identity_rejected" },
        { true, true, IdentityStatus.Rejected, "Issued", "Revoke identity_rejected" },
        { true, true, IdentityStatus.Rejected, "Revoked", "Keep" },
        { true, true, IdentityStatus.Verified, "Revoked", "Issue" },
        { true, true, IdentityStatus.Verified, "Issued", "Keep" },
        { false, true, IdentityStatus.PendingReview, "Held", "Revoke entitlement_withdrawn" },
        { false, true, IdentityStatus.Verified, "Issued", "Keep" },
        { false, true, IdentityStatus.Rejected, "Issued", "Revoke identity_rejected" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decides_the_change_from_the_answers_and_the_current_state(bool paid, bool passed, IdentityStatus identity, string? current, string expected)
    {
        var now = current is null ? (CertificateStatus?)null : Enum.Parse<CertificateStatus>(current);

        var outcome = IssuanceDecision.Decide(new IssuanceAnswers(paid, passed, identity), now);

        Assert.Equal(expected, outcome.Reason is null ? outcome.Action.ToString() : $"{outcome.Action} {outcome.Reason}");
    }
}
