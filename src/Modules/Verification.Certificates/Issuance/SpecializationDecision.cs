namespace Verification.Certificates.Issuance;

/// <summary>
/// What a specialization's certificate should become, from its courses' certificates (null: none yet), whether the
/// specialization is paid for (its own track, or every course's), and where it stands now. It follows its courses: any
/// revoked revokes it, any held holds it, all issued issues it.
/// </summary>
internal static class SpecializationDecision
{
    public const string CourseRevoked = "course_revoked";

    public static IssuanceOutcome Decide(bool paid, IReadOnlyList<CertificateStatus?> courses, CertificateStatus? current)
    {
        if (courses.Count == 0)
        {
            return IssuanceOutcome.Keep;
        }

        if (courses.Contains(CertificateStatus.Revoked))
        {
            return current is null or CertificateStatus.Revoked ? IssuanceOutcome.Keep : new(IssuanceAction.Revoke, CourseRevoked);
        }

        if (courses.Contains(null))
        {
            // Not every course is certified yet; a certificate never loses a course's certificate once it had it.
            return IssuanceOutcome.Keep;
        }

        if (!paid)
        {
            return current == CertificateStatus.Held ? new(IssuanceAction.Revoke, IssuanceDecision.EntitlementWithdrawn) : IssuanceOutcome.Keep;
        }

        if (courses.Contains(CertificateStatus.Held))
        {
            return current == CertificateStatus.Held ? IssuanceOutcome.Keep : new(IssuanceAction.Hold);
        }

        return current == CertificateStatus.Issued ? IssuanceOutcome.Keep : new(IssuanceAction.Issue);
    }
}
