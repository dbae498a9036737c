using Dapper;
using Mediator;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Catalog.Contracts;
using Verification.Certificates.Webhooks;
using Verification.Enrollment.Contracts;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>
/// Recomputes one learner's certificate for one course: asks Billing, Enrollment and Proctoring, decides
/// (<see cref="IssuanceDecision"/>) and records the change (<see cref="CertificateChange"/>). Serialised per learner
/// and course by an advisory lock, and the questions are asked while holding it, so the last trigger sees every commit.
/// </summary>
internal sealed class CertificateIssuer(
    NpgsqlDataSource dataSource, IMediator mediator, CertificateChange change, WebhookSender webhooks, ILogger<CertificateIssuer> logger)
{
    /// <summary>The certificate's status after the decision, or null when the learner has none for the course.</summary>
    public async Task<CertificateStatus?> RecomputeAsync(Guid learnerId, Guid courseId, string cause, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetCertificateTrackOf(courseId), cancellationToken) is not { } track
            || await mediator.Send(new GetCoursePartner(courseId), cancellationToken) is not { } course)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = new { learnerId, subjectId = courseId };
        await connection.ExecuteAsync(new CommandDefinition(CertificateChange.Lock, key, transaction, cancellationToken: cancellationToken));
        var current = await connection.QuerySingleOrDefaultAsync<CurrentCertificate>(new CommandDefinition(CertificateChange.Read, key, transaction, cancellationToken: cancellationToken));
        var answers = await AskAsync(learnerId, courseId, track.TrackId, cancellationToken);
        var currentStatus = current is null ? (CertificateStatus?)null : CertificateStatusColumn.FromColumn(current.Status);
        var outcome = IssuanceDecision.Decide(answers, currentStatus);
        if (outcome.Action == IssuanceAction.Keep)
        {
            await transaction.CommitAsync(cancellationToken);
            return currentStatus;
        }

        var subject = new CertificateSubjectRow(learnerId, courseId, track.TrackId, course.PartnerId, "course");
        var (id, status) = await change.ApplyAsync(connection, transaction, subject, current, outcome, cause, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        webhooks.Signal();
        logger.LogInformation("Certificate {CertificateId} for learner {LearnerId} course {CourseId} is now {Status} ({Reason}) after {Cause}",
            id, learnerId, courseId, status, outcome.Reason ?? "-", cause);
        return status;
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
