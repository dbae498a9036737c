using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Verification.BuildingBlocks.Audit;
using Verification.BuildingBlocks.Encryption;
using Verification.BuildingBlocks.Ids;
using Verification.Matching.Fusion;
using Verification.Proctoring.Contracts;

namespace Verification.Proctoring.Sessions.Store;

/// <summary>
/// Writes a session's end in one transaction: the verdict, its review case for <c>NeedsReview</c>, the audit entry, and
/// the messages to other modules into the outbox. Only an <c>open</c> session still owned by the writing node is ended, so a repeated write, or a write by a node whose session was taken over, is a no-op.
/// No caller's cancellation reaches it: a verdict is written whatever the client does.
/// </summary>
internal sealed class VerdictStore(NpgsqlDataSource dataSource, EnvelopeEncryption encryption, AuditLog audit, TimeProvider time)
{
    private const string EndSql = """
        UPDATE proctoring.sessions
        SET status = @Status, verdict = @verdict, priority = @priority, flag_kinds = @kinds, evidence = @Payload,
            evidence_key_id = @KeyId, frames_received = @FramesReceived, frames_shed = @FramesShed, ended_at = @now
        WHERE id = @SessionId AND status = 'open' AND node_id IS NOT DISTINCT FROM @Owner
        """;

    /// <summary>Returns whether this call ended the session, and the review case it opened, if any.</summary>
    public async Task<(bool Ended, Guid? CaseId)> EndAsync(SessionOutcome outcome)
    {
        var verdict = outcome.Verdict;
        var now = time.GetUtcNow();
        var flags = verdict.Flags.Select(f => f.Kind.ToString()).Distinct().ToArray();
        var evidence = encryption.Encrypt(StoredEvidence.Of(verdict, outcome.FreeText).Serialize(), Encoding.UTF8.GetBytes($"session-evidence:{outcome.SessionId}"));
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            EndSql,
            new
            {
                outcome.SessionId,
                outcome.Status,
                verdict = verdict.Kind.ToString(),
                priority = verdict.Priority.ToString(),
                kinds = flags,
                evidence.Payload,
                evidence.KeyId,
                outcome.FramesReceived,
                outcome.FramesShed,
                outcome.Owner,
                now,
            },
            transaction));
        if (updated == 0)
        {
            return (false, null);
        }

        Guid? caseId = null;
        if (verdict.Kind == SessionVerdictKind.NeedsReview)
        {
            caseId = TimeOrderedId.New(time);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO proctoring.review_cases (id, session_id, learner_id, course_id, priority, status, opened_at)
                VALUES (@caseId, @SessionId, @LearnerId, @CourseId, @priority, 'open', @now)
                """,
                new { caseId, outcome.SessionId, outcome.LearnerId, outcome.CourseId, priority = verdict.Priority.ToString(), now },
                transaction));
        }

        var data = JsonSerializer.Serialize(new { status = outcome.Status, verdict = verdict.Kind.ToString(), priority = verdict.Priority.ToString(), flags, caseId });
        await audit.AppendAsync(connection, transaction, new AuditEntry("system", "session.ended", $"session:{outcome.SessionId}", data), CancellationToken.None);
        await ProctoringOutbox.AppendAsync(connection, transaction, new SessionVerdictReached(outcome.SessionId, outcome.LearnerId, outcome.CourseId, outcome.AssessmentId, VerdictName(verdict.Kind), PriorityOf(verdict.Priority), flags), now);
        if (caseId is { } id)
        {
            await ProctoringOutbox.AppendAsync(connection, transaction, new ReviewCaseOpened(id, outcome.SessionId, outcome.LearnerId, outcome.CourseId, PriorityOf(verdict.Priority), flags), now);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return (true, caseId);
    }

    private static SessionVerdictName VerdictName(SessionVerdictKind kind) =>
        kind == SessionVerdictKind.Verified ? SessionVerdictName.Verified : SessionVerdictName.NeedsReview;

    private static ReviewCasePriority PriorityOf(ReviewPriority priority) => priority switch
    {
        ReviewPriority.Low => ReviewCasePriority.Low,
        ReviewPriority.Normal => ReviewCasePriority.Normal,
        ReviewPriority.High => ReviewCasePriority.High,
        _ => ReviewCasePriority.None,
    };
}
