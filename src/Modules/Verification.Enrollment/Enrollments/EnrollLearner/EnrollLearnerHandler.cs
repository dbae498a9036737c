using Dapper;
using Mediator;
using Npgsql;
using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Enrollments.EnrollLearner;

public sealed class EnrollLearnerHandler(NpgsqlDataSource dataSource, TimeProvider time) : ICommandHandler<Contracts.EnrollLearner, LearnerEnrolled>
{
    private const string Sql = """
        INSERT INTO enrollment.enrollments (id, learner_id, course_id, certificate_track_id, track, enrolled_at)
        VALUES (@EnrollmentId, @LearnerId, @CourseId, @CertificateTrackId, CASE WHEN @CertificateTrackId::uuid IS NULL THEN 'audit' ELSE 'verified' END, @now)
        ON CONFLICT (learner_id, course_id) DO NOTHING
        """;

    public async ValueTask<LearnerEnrolled> Handle(Contracts.EnrollLearner command, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            Sql, new { command.EnrollmentId, command.LearnerId, command.CourseId, command.CertificateTrackId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return new LearnerEnrolled(command.EnrollmentId, inserted == 0);
    }
}
