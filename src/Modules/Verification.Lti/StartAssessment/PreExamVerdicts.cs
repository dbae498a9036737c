using Dapper;
using Mediator;
using Npgsql;
using Verification.Proctoring.Contracts;

namespace Verification.Lti.StartAssessment;

/// <summary>
/// Proctoring's verdict on the pre-exam check (a session for the launch's resource link), received through its outbox:
/// it decides whether LtiStartAssessment vouches for the learner. Idempotent: a repeated message changes nothing.
/// </summary>
public sealed class PreExamVerdicts(NpgsqlDataSource dataSource) : INotificationHandler<SessionVerdictReached>
{
    public async ValueTask Handle(SessionVerdictReached notification, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE lti.launches SET pre_exam_verdict = @verdict, pre_exam_flags = @flags
            WHERE id = (SELECT id FROM lti.launches
                        WHERE learner_id = @LearnerId AND course_id = @CourseId AND resource_link_id = @AssessmentId AND pre_exam_verdict IS NULL
                        ORDER BY created_at DESC LIMIT 1)
            """,
            new { notification.LearnerId, notification.CourseId, notification.AssessmentId, verdict = notification.Verdict.ToString(), flags = notification.Flags.ToArray() },
            cancellationToken: cancellationToken));
    }
}
