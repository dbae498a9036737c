using System.Text.Json;
using Dapper;
using Mediator;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Audit;
using Verification.Catalog.Contracts;
using Verification.Certificates.Codes;
using Verification.Certificates.Credentials;
using Verification.Certificates.Webhooks;
using Verification.Enrollment.Contracts;
using Verification.Proctoring.Contracts;

namespace Verification.Certificates.Issuance;

/// <summary>
/// Recomputes one learner's certificate for one course: asks Billing, Enrollment and Proctoring, decides
/// (<see cref="IssuanceDecision"/>) and records the change with its reason and cause, audited. Serialised per learner
/// and course by an advisory lock, and the questions are asked while holding it, so the last trigger sees every commit.
/// </summary>
internal sealed class CertificateIssuer(
    NpgsqlDataSource dataSource, IMediator mediator, AuditLog audit, CredentialIssuer credentials, WebhookSender webhooks, TimeProvider time, ILogger<CertificateIssuer> logger)
{
    private sealed record Current(Guid Id, string Status, string Code);

    private const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended('certificates:' || @learnerId::text || ':' || @courseId::text, 0))";

    private const string Read = """
        SELECT id AS "Id", status AS "Status", verification_code AS "Code" FROM certificates.certificates WHERE learner_id = @learnerId AND course_id = @courseId FOR UPDATE
        """;

    private const string Insert = """
        INSERT INTO certificates.certificates
            (id, learner_id, course_id, track_id, partner_id, verification_code, status, created_at, issued_at, status_changed_at)
        VALUES (@id, @learnerId, @courseId, @trackId, @partnerId, @code, @status, @now, CASE WHEN @status = 'issued' THEN @now END, @now)
        """;

    private const string Update = """
        UPDATE certificates.certificates
        SET status = @status, status_changed_at = @now,
            issued_at = CASE WHEN @status = 'issued' THEN @now ELSE issued_at END,
            revoked_at = CASE WHEN @status = 'revoked' THEN @now END,
            revocation_reason = CASE WHEN @status = 'revoked' THEN @reason END
        WHERE id = @id
        """;

    private const string Event = """
        INSERT INTO certificates.certificate_events (id, certificate_id, status, reason, caused_by, at)
        VALUES (@eventId, @id, @status, @reason, @cause, @now)
        """;

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
        await connection.ExecuteAsync(new CommandDefinition(Lock, new { learnerId, courseId }, transaction, cancellationToken: cancellationToken));
        var current = await connection.QuerySingleOrDefaultAsync<Current>(new CommandDefinition(Read, new { learnerId, courseId }, transaction, cancellationToken: cancellationToken));
        var answers = await AskAsync(learnerId, courseId, track.TrackId, cancellationToken);
        var currentStatus = current is null ? (CertificateStatus?)null : CertificateStatusColumn.FromColumn(current.Status);
        var outcome = IssuanceDecision.Decide(answers, currentStatus);
        if (outcome.Action == IssuanceAction.Keep)
        {
            await transaction.CommitAsync(cancellationToken);
            return currentStatus;
        }

        var status = outcome.Action switch
        {
            IssuanceAction.Issue => CertificateStatus.Issued,
            IssuanceAction.Hold => CertificateStatus.Held,
            _ => CertificateStatus.Revoked,
        };
        var id = current?.Id ?? Guid.CreateVersion7(time.GetUtcNow());
        var parameters = new
        {
            id,
            learnerId,
            courseId,
            trackId = track.TrackId,
            partnerId = course.PartnerId,
            code = VerificationCode.New(),
            status = CertificateStatusColumn.ToColumn(status),
            reason = outcome.Reason,
            cause,
            eventId = Guid.CreateVersion7(time.GetUtcNow()),
            now = time.GetUtcNow(),
        };
        await connection.ExecuteAsync(new CommandDefinition(current is null ? Insert : Update, parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Event, parameters, transaction, cancellationToken: cancellationToken));
        if (currentStatus == CertificateStatus.Issued)
        {
            // Held or revoked after issue: the credential's status-list bit is set for good.
            await CredentialIssuer.RevokeAsync(connection, transaction, id, parameters.now, cancellationToken);
        }

        if (status == CertificateStatus.Issued)
        {
            await credentials.IssueAsync(connection, transaction, new CertificateToSign(id, current?.Code ?? parameters.code, learnerId, courseId), parameters.now, cancellationToken);
        }
        // The partner hears of it through its webhooks, queued in this transaction and sent after it.
        await WebhookEvents.QueueAsync(connection, transaction, course.PartnerId, parameters.eventId, "certificate." + parameters.status, new
        {
            certificateId = id,
            learnerId,
            courseId,
            code = VerificationCode.Display(current?.Code ?? parameters.code),
            status = parameters.status,
            reason = outcome.Reason,
        }, parameters.now, cancellationToken);
        var data = JsonSerializer.Serialize(new { status = parameters.status, reason = outcome.Reason, cause });
        await audit.AppendAsync(connection, transaction, new AuditEntry("system:certificates", "certificate." + parameters.status, $"certificate:{id}", data), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        webhooks.Signal();
        logger.LogInformation("Certificate {CertificateId} for learner {LearnerId} course {CourseId} is now {Status} ({Reason}) after {Cause}",
            id, learnerId, courseId, status, outcome.Reason ?? "-", cause);
        return status;
    }

    private async Task<IssuanceAnswers> AskAsync(Guid learnerId, Guid courseId, Guid trackId, CancellationToken cancellationToken)
    {
        var entitlement = await mediator.Send(new GetTrackEntitlement(learnerId, trackId), cancellationToken);
        var passed = await mediator.Send(new HasPassed(learnerId, courseId), cancellationToken);
        var identity = await mediator.Send(new IsIdentityVerified(learnerId, courseId), cancellationToken);
        return new IssuanceAnswers(entitlement.State == EntitlementState.Paid, passed, identity.Status);
    }
}
