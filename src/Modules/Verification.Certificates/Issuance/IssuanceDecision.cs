using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>The three modules' answers, asked afresh each time: nothing here is a copy that could drift.</summary>
internal sealed record IssuanceAnswers(bool Paid, bool Passed, IdentityStatus Identity);

internal enum IssuanceAction
{
    Keep,
    Issue,
    Hold,
    Revoke,
}

internal sealed record IssuanceOutcome(IssuanceAction Action, string? Reason = null)
{
    public static readonly IssuanceOutcome Keep = new(IssuanceAction.Keep);
}

/// <summary>
/// What the certificate should become, given the answers and where it stands now (null: none yet). The table in
/// docs/certificates.md is this function.
/// </summary>
internal static class IssuanceDecision
{
    public const string IdentityRejected = "identity_rejected";
    public const string EntitlementWithdrawn = "entitlement_withdrawn";

    public static IssuanceOutcome Decide(IssuanceAnswers answers, CertificateStatus? current)
    {
        if (answers.Identity == IdentityStatus.Rejected)
        {
            // A reviewer found fraud: whatever exists is revoked; nothing is made just to be revoked.
            return current is null or CertificateStatus.Revoked ? IssuanceOutcome.Keep : new(IssuanceAction.Revoke, IdentityRejected);
        }

        if (!answers.Passed)
        {
            // A completion is never undone, and nothing is issued before it.
            return IssuanceOutcome.Keep;
        }

        if (!answers.Paid)
        {
            // A held certificate was not yet earned: a refund or lapse before issue withdraws it. An issued one was
            // earned while paid, and Billing refuses a refund after issue (CertificateRefundGuard).
            return current == CertificateStatus.Held ? new(IssuanceAction.Revoke, EntitlementWithdrawn) : IssuanceOutcome.Keep;
        }

        return answers.Identity switch
        {
            IdentityStatus.Verified => current == CertificateStatus.Issued ? IssuanceOutcome.Keep : new(IssuanceAction.Issue),
            IdentityStatus.PendingReview => current == CertificateStatus.Held ? IssuanceOutcome.Keep : new(IssuanceAction.Hold),
            _ => IssuanceOutcome.Keep,
        };
    }
}
