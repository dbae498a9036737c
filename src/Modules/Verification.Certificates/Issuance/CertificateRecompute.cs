using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verification.Billing.Contracts;
using Verification.Certificates.Webhooks;

namespace Verification.Certificates.Issuance;

/// <summary>
/// One decision over one learner's certificate for one subject (a course or a specialization), serialised per learner
/// and subject by an advisory lock; the decision's questions are asked while holding it, so the last trigger sees every
/// commit. A change (not <see cref="IssuanceAction.Keep"/>) is recorded by <see cref="CertificateChange"/>.
/// </summary>
internal sealed class CertificateRecompute(NpgsqlDataSource dataSource, CertificateChange change, WebhookSender webhooks, ILogger<CertificateRecompute> logger)
{
    public delegate Task<IssuanceOutcome> Decide(NpgsqlConnection connection, NpgsqlTransaction transaction, CertificateStatus? current);

    /// <summary>The certificate's status after the decision, or null when the learner has none for the subject.</summary>
    public async Task<CertificateStatus?> RunAsync(CertificateSubjectRow subject, string cause, Decide decide, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = new { learnerId = subject.LearnerId, subjectId = subject.SubjectId };
        await connection.ExecuteAsync(new CommandDefinition(CertificateChange.Lock, key, transaction, cancellationToken: cancellationToken));
        // A refund deciding now is waited for, and the next one waits for this decision to commit (its guard then sees it).
        await TrackEntitlementLock.ShareAsync(connection, transaction, subject.LearnerId, cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<CurrentCertificate>(new CommandDefinition(CertificateChange.Read, key, transaction, cancellationToken: cancellationToken));
        var currentStatus = current is null ? (CertificateStatus?)null : CertificateStatusColumn.FromColumn(current.Status);
        var outcome = await decide(connection, transaction, currentStatus);
        if (outcome.Action == IssuanceAction.Keep)
        {
            await transaction.CommitAsync(cancellationToken);
            return currentStatus;
        }

        var (id, status) = await change.ApplyAsync(connection, transaction, subject, current, outcome, cause, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        webhooks.Signal();
        logger.LogInformation("Certificate {CertificateId} for learner {LearnerId} {Kind} {SubjectId} is now {Status} ({Reason}) after {Cause}",
            id, subject.LearnerId, subject.Kind, subject.SubjectId, status, outcome.Reason ?? "-", cause);
        return status;
    }
}
