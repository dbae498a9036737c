using Dapper;
using Mediator;
using Npgsql;
using Verification.BuildingBlocks.Outbox;
using Verification.Lti.Contracts;
using Verification.Proctoring.Contracts;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// Proctoring's verdict on the pre-exam check (a session for the launch's resource link), received through its outbox:
/// it decides whether LtiStartAssessment vouches for the learner. Idempotent: a repeated message changes nothing.
/// </summary>
public sealed class PreExamVerdicts(NpgsqlDataSource dataSource, Outbox outbox, IEnumerable<OutboxTable> tables, TimeProvider time) : INotificationHandler<SessionVerdictReached>
{
    public async ValueTask Handle(SessionVerdictReached notification, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var preExam = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE lti.launches SET pre_exam_verdict = @verdict, pre_exam_flags = @flags, pre_exam_session_id = @SessionId, pre_exam_priority = @priority
            WHERE id = (SELECT id FROM lti.launches
                        WHERE learner_id = @LearnerId AND course_id = @CourseId AND resource_link_id = @AssessmentId AND pre_exam_verdict IS NULL
                        ORDER BY created_at DESC LIMIT 1)
            """,
            new
            {
                notification.LearnerId, notification.CourseId, notification.AssessmentId, notification.SessionId, verdict = notification.Verdict.ToString(),
                flags = notification.Flags.ToArray(), priority = notification.Priority.ToString(),
            },
            cancellationToken: cancellationToken));
        if (preExam == 0 && notification.Verdict == SessionVerdictName.NeedsReview)
        {
            await FlagAsync(connection, notification, cancellationToken);
        }
    }

    /// <summary>
    /// A session flagged after LtiStartAssessment: the exam itself. Queues one ACS flag for the session. A pre-exam
    /// check's verdict delivered again is not a flag of the exam (its ACS action, if any, is PreExamControl's).
    /// </summary>
    private async Task FlagAsync(NpgsqlConnection connection, SessionVerdictReached notification, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var launchId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            INSERT INTO lti.acs_flags (session_id, launch_id, queued_at)
            SELECT @SessionId, id, @now FROM lti.launches
            WHERE learner_id = @LearnerId AND course_id = @CourseId AND resource_link_id = @AssessmentId AND start_assessment_at IS NOT NULL AND acs_url IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM lti.launches p WHERE p.pre_exam_session_id = @SessionId)
            ORDER BY created_at DESC LIMIT 1
            ON CONFLICT (session_id) DO NOTHING
            RETURNING launch_id
            """, new { notification.SessionId, notification.LearnerId, notification.CourseId, notification.AssessmentId, now }, transaction, cancellationToken: cancellationToken));
        if (launchId is { } id)
        {
            await Outbox.AppendAsync(connection, transaction, tables.Single(t => t.Schema == "lti"),
                new AcsFlagRequested(notification.SessionId, id, notification.Priority.ToString(), notification.Flags, now), now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (launchId is not null)
        {
            outbox.Signal();
        }
    }
}
