using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.Certificates.Codes;
using Verification.Certificates.Credentials;
using Verification.Certificates.Webhooks;

namespace Verification.Certificates.Issuance;

/// <summary>A learner's certificate for a course or a specialization (its subject), as it stands before a decision.</summary>
internal sealed record CurrentCertificate(Guid Id, string Status, string Code);

/// <summary>Whose certificate, for what: a course (kind <c>course</c>) or a specialization (kind <c>specialization</c>).</summary>
internal sealed record CertificateSubjectRow(Guid LearnerId, Guid SubjectId, Guid TrackId, Guid PartnerId, string Kind);

/// <summary>
/// Records a decided change inside the decision's transaction: the row, its event with reason and cause, the credential
/// (signed on issue, its status bit set when an issued certificate is held or revoked), the partner's webhook, the audit.
/// </summary>
internal sealed class CertificateChange(AuditLog audit, CredentialIssuer credentials, TimeProvider time)
{
    public const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended('certificates:' || @learnerId::text || ':' || @subjectId::text, 0))";

    public const string Read = """
        SELECT id AS "Id", status AS "Status", verification_code AS "Code" FROM certificates.certificates
        WHERE learner_id = @learnerId AND course_id = @subjectId FOR UPDATE
        """;

    private const string Insert = """
        INSERT INTO certificates.certificates
            (id, learner_id, course_id, track_id, partner_id, kind, verification_code, status, created_at, issued_at, status_changed_at,
             identity_evidence_erased_at)
        VALUES (@id, @LearnerId, @SubjectId, @TrackId, @PartnerId, @Kind, @code, @status, @now, CASE WHEN @status = 'issued' THEN @now END, @now,
                (SELECT erased_at FROM certificates.erased_learners WHERE learner_id = @LearnerId))
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

    /// <summary>Applies a change (not <see cref="IssuanceAction.Keep"/>); returns the certificate's id and new status.</summary>
    public async Task<(Guid Id, CertificateStatus Status)> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CertificateSubjectRow subject, CurrentCertificate? current, IssuanceOutcome outcome, string cause,
        CancellationToken cancellationToken)
    {
        var status = outcome.Action switch
        {
            IssuanceAction.Issue => CertificateStatus.Issued,
            IssuanceAction.Hold => CertificateStatus.Held,
            _ => CertificateStatus.Revoked,
        };
        var now = time.GetUtcNow();
        var id = current?.Id ?? Guid.CreateVersion7(now);
        var code = current?.Code ?? VerificationCode.New();
        var column = CertificateStatusColumn.ToColumn(status);
        var parameters = new
        {
            id,
            subject.LearnerId,
            subject.SubjectId,
            subject.TrackId,
            subject.PartnerId,
            subject.Kind,
            code,
            status = column,
            reason = outcome.Reason,
            cause,
            eventId = Guid.CreateVersion7(now),
            now,
        };
        await connection.ExecuteAsync(new CommandDefinition(current is null ? Insert : Update, parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Event, parameters, transaction, cancellationToken: cancellationToken));
        if (current is not null && CertificateStatusColumn.FromColumn(current.Status) == CertificateStatus.Issued)
        {
            // Held or revoked after issue: the credential's status-list bit is set for good.
            await CredentialIssuer.RevokeAsync(connection, transaction, id, now, cancellationToken);
        }

        if (status == CertificateStatus.Issued)
        {
            await credentials.IssueAsync(connection, transaction, new CertificateToSign(id, code, subject.LearnerId, subject.SubjectId), now, cancellationToken);
        }

        // The partner hears of it through its webhooks, queued in this transaction and sent after it.
        await WebhookEvents.QueueAsync(connection, transaction, subject.PartnerId, parameters.eventId, "certificate." + column, new
        {
            certificateId = id,
            subject.LearnerId,
            courseId = subject.SubjectId,
            kind = subject.Kind,
            code = VerificationCode.Display(code),
            status = column,
            reason = outcome.Reason,
        }, now, cancellationToken);
        var data = JsonSerializer.Serialize(new { status = column, reason = outcome.Reason, cause });
        await audit.AppendAsync(connection, transaction, new AuditEntry("system:certificates", "certificate." + column, $"certificate:{id}", data), cancellationToken);
        return (id, status);
    }
}
