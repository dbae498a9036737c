using Mediator;
using Verification.Billing.Contracts;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>
/// Recomputes one learner's certificate for one course: asks Billing, Enrollment and Proctoring and decides
/// (<see cref="IssuanceDecision"/>) under the learner and course's lock (<see cref="CertificateRecompute"/>).
/// </summary>
internal sealed class CertificateIssuer(IMediator mediator, CertificateRecompute recompute)
{
    /// <summary>The certificate's status after the decision, or null when the learner has none for the course.</summary>
    public async Task<CertificateStatus?> RecomputeAsync(Guid learnerId, Guid courseId, string cause, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetCertificateTrackOf(courseId), cancellationToken) is not { } track
            || await mediator.Send(new GetCoursePartner(courseId), cancellationToken) is not { } course)
        {
            return null;
        }

        var subject = new CertificateSubjectRow(learnerId, courseId, track.TrackId, course.PartnerId, "course");
        return await recompute.RunAsync(subject, cause, async (_, _, current) =>
            IssuanceDecision.Decide(await AskAsync(learnerId, courseId, track.TrackId, cancellationToken), current), cancellationToken);
    }

    private async Task<IssuanceAnswers> AskAsync(Guid learnerId, Guid courseId, Guid trackId, CancellationToken cancellationToken)
    {
        var paid = (await mediator.Send(new GetTrackEntitlement(learnerId, trackId), cancellationToken)).State == EntitlementState.Paid
            || await SpecializationPaidAsync(learnerId, courseId, cancellationToken);
        var passed = await mediator.Send(new HasPassed(learnerId, courseId), cancellationToken);
        var identity = await mediator.Send(new IsIdentityVerified(learnerId, courseId), cancellationToken);
        return new IssuanceAnswers(paid, passed, identity.Status);
    }

    // A specialization's track pays for the certificates of its courses.
    private async Task<bool> SpecializationPaidAsync(Guid learnerId, Guid courseId, CancellationToken cancellationToken)
    {
        foreach (var specializationId in await mediator.Send(new GetSpecializationsOfCourse(courseId), cancellationToken))
        {
            if (await mediator.Send(new GetCertificateTrackOf(specializationId), cancellationToken) is { } track
                && (await mediator.Send(new GetTrackEntitlement(learnerId, track.TrackId), cancellationToken)).State == EntitlementState.Paid)
            {
                return true;
            }
        }

        return false;
    }
}
