using Dapper;
using Npgsql;
using Verification.Enrollment.Api;
using Verification.Enrollment.Enrollments;
using Verification.Enrollment.Learners;

namespace Verification.Enrollment.Progress;

internal static class LearnerCourse
{
    private const string Sql = "SELECT id FROM enrollment.enrollments WHERE learner_id = @learnerId AND course_id = @courseId FOR UPDATE";

    private const string ProgramLearner = "SELECT EXISTS (SELECT 1 FROM enrollment.learners WHERE id = @learnerId AND partner_id IS NULL)";

    /// <summary>
    /// The enrollment, locked for this transaction, when the caller may push for it: the learner is the caller's own, or
    /// the learner came through an enterprise program (no partner) and the course is the caller's. Otherwise null.
    /// </summary>
    public static async Task<Guid?> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Caller caller, Guid learnerId, Guid courseId, Guid? coursePartnerId, CancellationToken cancellationToken)
    {
        if (await LearnerAccess.FindAsync(connection, caller, learnerId, cancellationToken) is null
            && !(caller.MayActFor(coursePartnerId) && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ProgramLearner, new { learnerId }, transaction, cancellationToken: cancellationToken))))
        {
            return null;
        }

        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(Sql, new { learnerId, courseId }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Why a push's time cannot be taken, or null. A clock a little ahead is tolerated; a far-future time would freeze the record.</summary>
    public static string? OccurredAtReason(DateTimeOffset? occurredAt, TimeProvider time) =>
        occurredAt is null ? "occurredAt is required: the platform's time of the event, so that an older push never overwrites a newer one."
        : occurredAt > time.GetUtcNow().AddMinutes(5) ? "occurredAt is in the future."
        : null;

    public static async Task<EnrollmentView> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid enrollmentId, CancellationToken cancellationToken) =>
        (await connection.QuerySingleAsync<EnrollmentRow>(new CommandDefinition(
            "SELECT " + EnrollmentRow.Columns + " FROM enrollment.enrollments WHERE id = @enrollmentId", new { enrollmentId }, transaction, cancellationToken: cancellationToken))).ToView();
}
