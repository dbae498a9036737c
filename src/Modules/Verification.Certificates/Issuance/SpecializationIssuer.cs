using Dapper;
using Mediator;
using Verification.Billing.Contracts;
using Verification.Catalog.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>
/// Recomputes a learner's certificates for the specializations that include a course, after that course's
/// certificate was recomputed: the specialization's follows its courses' (<see cref="SpecializationDecision"/>), paid
/// for by the specialization's track or by every course's, under the learner and specialization's lock.
/// </summary>
internal sealed class SpecializationIssuer(IMediator mediator, CertificateRecompute recompute)
{
    public async Task RecomputeForCourseAsync(Guid learnerId, Guid courseId, string cause, CancellationToken cancellationToken)
    {
        foreach (var specializationId in await mediator.Send(new GetSpecializationsOfCourse(courseId), cancellationToken))
        {
            await RecomputeAsync(learnerId, specializationId, cause, cancellationToken);
        }
    }

    /// <summary>The specialization certificate's status after the decision, or null when the learner has none.</summary>
    public async Task<CertificateStatus?> RecomputeAsync(Guid learnerId, Guid specializationId, string cause, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetSpecialization(specializationId), cancellationToken) is not { } specialization
            || await mediator.Send(new GetCertificateTrackOf(specializationId), cancellationToken) is not { } track)
        {
            return null;
        }

        var subject = new CertificateSubjectRow(learnerId, specializationId, track.TrackId, specialization.PartnerId, "specialization");
        return await recompute.RunAsync(subject, cause, async (connection, transaction, current) =>
        {
            var statuses = (await connection.QueryAsync<(Guid CourseId, string Status)>(new CommandDefinition("""
                SELECT course_id, status FROM certificates.certificates WHERE learner_id = @learnerId AND kind = 'course' AND course_id = ANY (@courses)
                """, new { learnerId, courses = specialization.CourseIds.ToArray() }, transaction, cancellationToken: cancellationToken))).ToDictionary(r => r.CourseId, r => r.Status);
            var courses = specialization.CourseIds.Select(c => statuses.TryGetValue(c, out var s) ? CertificateStatusColumn.FromColumn(s) : (CertificateStatus?)null).ToList();
            return SpecializationDecision.Decide(await PaidAsync(learnerId, track.TrackId, specialization.CourseIds, cancellationToken), courses, current);
        }, cancellationToken);
    }

    private async Task<bool> PaidAsync(Guid learnerId, Guid trackId, IReadOnlyList<Guid> courseIds, CancellationToken cancellationToken)
    {
        if ((await mediator.Send(new GetTrackEntitlement(learnerId, trackId), cancellationToken)).State == EntitlementState.Paid)
        {
            return true;
        }

        foreach (var courseId in courseIds)
        {
            if (await mediator.Send(new GetCertificateTrackOf(courseId), cancellationToken) is not { } track
                || (await mediator.Send(new GetTrackEntitlement(learnerId, track.TrackId), cancellationToken)).State != EntitlementState.Paid)
            {
                return false;
            }
        }

        return true;
    }
}
